import { Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Switch, TextArea } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { GreetingKind, GreetingSettings } from '@xianfeng/shared'
import { Limits } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { formErrors } from '../../../api/errors'
import { staffApi } from '../../../api/staff'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { OrgHeader } from '../OrgHeader'
import { pageOrg } from '../../../utils/staff'
import '../staff.css'
import './index.css'

const HOURS = Array.from({ length: 24 }, (_, h) => `${h}:00`)
const KINDS: Array<{ kind: GreetingKind; label: string }> = [
  { kind: 'political_birthday', label: '政治生日贺卡' },
  { kind: 'birthday', label: '生日贺卡' },
]
const PLACEHOLDER = /\{([^{}]*)\}/g
const KNOWN = new Set(['name', 'years', 'org', 'date'])

/** The text as a member would read it, for a sample member. */
export function previewTemplate(template: string, org: string, kind: GreetingKind): string {
  const sample = { name: '张建国', years: kind === 'birthday' ? '56' : '25', org: org || '本支部', date: '7月1日' }
  return template.replace(PLACEHOLDER, (all, key: string) => (KNOWN.has(key) ? sample[key as keyof typeof sample] : all))
}

/** Placeholders the server would refuse, said before sending. */
function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].filter((m) => !KNOWN.has(m[1])).map((m) => m[0])
}

interface Loaded {
  settings: GreetingSettings
  inheritedName: string | null
}

async function load(orgId: string): Promise<Loaded> {
  const settings = await staffApi.greetingSettings(orgId)
  const inheritedName = settings.inheritedFrom ? await api.org(settings.inheritedFrom).then((o) => o.name, () => null) : null
  return { settings, inheritedName }
}

/** 祝福设置: the greeting templates, automatic sending and the hour it happens. */
export default function GreetingSettingsPage() {
  const router = useRouter()
  const { user } = useSession()
  const org = pageOrg(user, router.params.orgId)
  const orgId = org?.id ?? null
  const data = useAsync(async () => (orgId ? load(orgId) : null), [orgId])

  const [templates, setTemplates] = useState<GreetingSettings['templates']>({ birthday: '', political_birthday: '' })
  const [autoSend, setAutoSend] = useState(false)
  const [sendHour, setSendHour] = useState(9)
  const [inherited, setInherited] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})

  useEffect(() => {
    if (data.status !== 'success' || !data.data) return
    const s = data.data.settings
    setTemplates(s.templates)
    setAutoSend(s.autoSend)
    setSendHour(s.sendHour)
    setInherited(s.inheritedFrom ? data.data.inheritedName ?? '上级组织' : null)
  }, [data.status, data.data])

  const save = async () => {
    if (!orgId) return
    const errs: Record<string, string> = {}
    for (const { kind } of KINDS) {
      const t = templates[kind].trim()
      const bad = unknownPlaceholders(t)
      if (!t) errs[`templates.${kind}`] = '请填写贺卡内容'
      else if (t.length > 300) errs[`templates.${kind}`] = '最多 300 字'
      else if (bad.length) errs[`templates.${kind}`] = `未知占位符 ${bad.join(' ')}：只能用 {name} {years} {org} {date}`
    }
    setFieldErrors(errs)
    setError(null)
    if (Object.keys(errs).length) return
    setBusy(true)
    try {
      const saved = await staffApi.saveGreetingSettings(orgId, {
        templates: { birthday: templates.birthday.trim(), political_birthday: templates.political_birthday.trim() },
        autoSend,
        sendHour,
      })
      setTemplates(saved.templates)
      setAutoSend(saved.autoSend)
      setSendHour(saved.sendHour)
      setInherited(null)
      Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      const failed = formErrors(e, ['templates.birthday', 'templates.political_birthday', 'autoSend', 'sendHour'])
      setFieldErrors(failed.fields)
      setError(failed.banner)
    } finally {
      setBusy(false)
    }
  }

  if (!org) return <EmptyState text="您还不是党务工作者" />
  if (data.status === 'loading') return <LoadingState />
  if (data.status === 'error') return <ErrorState error={data.error} onRetry={data.reload} />

  const orgName = org.name
  return (
    <View className="xf-page xf-gsettings">
      <OrgHeader org={org} label="祝福设置" />
      <View className="xf-section">
        {inherited ? (
          <View className="xf-gsettings__inherited" data-testid="inherited">
            继承自上级组织「{inherited}」。保存后，本组织将使用自己的设置。
          </View>
        ) : null}
        <View className="xf-panel">
          <Alert>{error}</Alert>
          <View className="xf-gsettings__help">
            <Text className="xf-gsettings__help-title">可以使用的占位符</Text>
            <Text className="xf-gsettings__help-line">
              <Text className="xf-gsettings__code">{'{name}'}</Text> 党员姓名
            </Text>
            <Text className="xf-gsettings__help-line">
              <Text className="xf-gsettings__code">{'{years}'}</Text> 党龄或年龄
            </Text>
            <Text className="xf-gsettings__help-line">
              <Text className="xf-gsettings__code">{'{org}'}</Text> 党员所在组织名称
            </Text>
            <Text className="xf-gsettings__help-line">
              <Text className="xf-gsettings__code">{'{date}'}</Text> 纪念日日期（如 12月5日）；提前发送时不要写“今天”
            </Text>
          </View>
          {KINDS.map(({ kind, label }) => {
            const err = fieldErrors[`templates.${kind}`]
            return (
              <View key={kind} className="xf-field" data-testid={`template-${kind}`}>
                <Text className="xf-field__label">{label}</Text>
                <TextArea
                  className="xf-gsettings__textarea"
                  value={templates[kind]}
                  maxLength={Limits.greeting.template}
                  showCount
                  autoSize
                  onChange={(v) => setTemplates((t) => ({ ...t, [kind]: v }))}
                />
                {err ? <Text className="xf-field__error">{err}</Text> : null}
                <Text className="xf-field__hint">预览：{previewTemplate(templates[kind], orgName, kind)}</Text>
              </View>
            )
          })}
          <View className="xf-field xf-gsettings__row">
            <View className="xf-gsettings__row-text">
              <Text className="xf-field__label">自动发送</Text>
              <Text className="xf-field__hint">开启后，每天到点自动给当天过生日、政治生日的党员发送贺卡；关闭时由您在三色生日表里审核发送。</Text>
            </View>
            <Switch checked={autoSend} onChange={(v) => setAutoSend(v)} ariaLabel="自动发送" />
          </View>
          {fieldErrors.autoSend ? <Text className="xf-field__error">{fieldErrors.autoSend}</Text> : null}
          <Field label="发送时间（北京时间）" error={fieldErrors.sendHour}>
            <Picker mode="selector" range={HOURS} value={sendHour} onChange={(e) => setSendHour(Number(e.detail.value))}>
              <View className="xf-picker-field" data-testid="send-hour">
                <Text>每天 {HOURS[sendHour] ?? `${sendHour}:00`}</Text>
                <Text className="xf-picker-field__arrow">更改 ›</Text>
              </View>
            </Picker>
          </Field>
          <Button type="primary" size="large" block loading={busy} onClick={save}>
            保存设置
          </Button>
        </View>
      </View>
    </View>
  )
}
