import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { RankingSettings, RankingWeights } from '@xianfeng/shared'
import { RankingWeightKeys, RankingWeightLabels } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { formErrors } from '../../../api/errors'
import { statsApi } from '../../../api/stats'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { pageOrg } from '../../../utils/staff'
import { OrgHeader } from '../OrgHeader'
import { draftsOf, parseWeights, stepWeight, type WeightDrafts } from './weights'
import '../staff.css'
import './index.css'

const HINTS: Record<keyof RankingWeights, string> = {
  commitmentsFulfilled: '人均践诺的承诺数',
  wishesCompleted: '人均完成的微心愿数',
  greetingsSent: '人均送出的生日、政治生日祝福',
  reviewAverage: '承诺评议的平均分',
  serviceMinutes: '人均服务时长',
}
const FIELDS = RankingWeightKeys.map((k) => `weights.${k}`)

async function load(orgId: string): Promise<{ settings: RankingSettings; inheritedName: string | null }> {
  const settings = await statsApi.rankingSettings(orgId)
  const inheritedName = settings.inheritedFrom ? await api.org(settings.inheritedFrom).then((o) => o.name, () => null) : null
  return { settings, inheritedName }
}

/** 排名权重: how much each practice counts when the child organisations are ranked. */
export default function RankingSettingsPage() {
  const router = useRouter()
  const { user } = useSession()
  const org = pageOrg(user, router.params.orgId)
  const orgId = org?.id ?? null
  const data = useAsync(async () => (orgId ? load(orgId) : null), [orgId])

  const [drafts, setDrafts] = useState<WeightDrafts | null>(null)
  const [inherited, setInherited] = useState<string | null>(null)
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({})
  const [banner, setBanner] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (data.status !== 'success' || !data.data) return
    setDrafts(draftsOf(data.data.settings.weights))
    setInherited(data.data.settings.inheritedFrom ? data.data.inheritedName ?? '上级组织' : null)
  }, [data.status, data.data])

  const save = async () => {
    if (!orgId || !drafts || busy) return
    const parsed = parseWeights(drafts)
    setBanner(null)
    if ('errors' in parsed) {
      setErrors(Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [`weights.${k}`, v])))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      const saved = await statsApi.saveRankingSettings(orgId, parsed)
      setDrafts(draftsOf(saved.weights))
      setInherited(null)
      Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      const failed = formErrors(e, FIELDS)
      setErrors(failed.fields)
      setBanner(failed.banner)
    } finally {
      setBusy(false)
    }
  }

  if (!org) return <EmptyState text="您还不是党务工作者" />
  if (data.status === 'loading' || (data.status === 'success' && !drafts)) return <LoadingState />
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />
  if (!drafts) return null

  const set = (k: keyof RankingWeights, v: string) => setDrafts((d) => (d ? { ...d, [k]: v } : d))
  return (
    <View className="xf-page xf-staff xf-rsettings">
      <OrgHeader org={org} label="排名权重设置" />
      <View className="xf-section">
        {inherited ? (
          <View className="xf-rsettings__inherited" data-testid="inherited">
            继承自上级「{inherited}」。保存后，本组织及下级组织的排名使用这里的权重。
          </View>
        ) : null}
        <View className="xf-panel">
          <Alert>{banner}</Alert>
          <Text className="xf-field__hint xf-rsettings__intro">每项 0–100，数越大这一项在排名里越重要；填 0 不计入。各项按人均数比较，人多的组织不会因人数占优。</Text>
          {RankingWeightKeys.map((k) => (
            <Field key={k} label={RankingWeightLabels[k]} hint={HINTS[k]} error={errors[`weights.${k}`]} testid={`weight-${k}`}>
              <View className="xf-rsettings__stepper">
                <View className="xf-rsettings__step" hoverClass="xf-pressed" aria-label={`${RankingWeightLabels[k]}减 5`} onClick={() => set(k, stepWeight(drafts[k], -5))}>
                  −
                </View>
                <Input className="xf-input xf-rsettings__input" type="digit" name={k} value={drafts[k]} maxlength={7} onInput={(e) => set(k, e.detail.value)} />
                <View className="xf-rsettings__step" hoverClass="xf-pressed" aria-label={`${RankingWeightLabels[k]}加 5`} onClick={() => set(k, stepWeight(drafts[k], 5))}>
                  +
                </View>
              </View>
            </Field>
          ))}
          <Button type="primary" size="large" block loading={busy} onClick={save}>
            保存权重
          </Button>
        </View>
      </View>
    </View>
  )
}
