import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { Org, OrgType, Wish, WishCategory } from '@xianfeng/shared'
import { Limits, WishCategories } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { describeError, formErrors } from '../../../api/errors'
import { describeWishError, wishesApi } from '../../../api/wishes'
import { useSession } from '../../../auth/session'
import { Gate } from '../../../components/Gate'
import { ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { userOrgIds } from '../../../utils/format'
import { openLogin } from '../../../utils/nav'
import { CategoryHints, CategoryLabels, WISH_PAGES } from '../labels'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import './index.css'

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/
const TITLE_MAX = Limits.wish.title
const DESCRIPTION_MAX = Limits.wish.description

type FieldName = 'orgId' | 'title' | 'description' | 'category' | 'wisherName' | 'wisherPhone'

/** A place a wish can go: a community or a branch (a committee is too far from the resident). */
export interface WishTarget {
  id: string
  name: string
  /** Tells apart the many 第一党支部. */
  parentName: string | null
}

const OFFERED: ReadonlyArray<OrgType> = ['community', 'branch']
export const offered = (o: Pick<Org, 'type'>): boolean => OFFERED.includes(o.type)

/**
 * Where the form starts: the organisation of the link (a scanned board or card) or the user's own,
 * when it is a community or a branch, and its communities and branches. `preselected` only when
 * that organisation itself takes wishes: a committee is never chosen silently.
 */
export async function loadStartTargets(startId: string | null): Promise<{ targets: WishTarget[]; preselected: string | null }> {
  if (!startId) return { targets: [], preselected: null }
  const [org, children] = await Promise.all([api.org(startId), api.orgChildren(startId).then((p) => p.items).catch(() => [] as Org[])])
  const own = offered(org) ? [{ id: org.id, name: org.name, parentName: org.parentName }] : []
  const below = children.filter(offered).map((c) => ({ id: c.id, name: c.name, parentName: org.name }))
  return { targets: [...own, ...below], preselected: own[0]?.id ?? null }
}

/** The organisation search (GET /orgs?q=), communities and branches only. */
async function searchTargets(q: string): Promise<WishTarget[]> {
  const page = await api.searchOrgs(q)
  return page.items.filter(offered).map((o) => ({ id: o.id, name: o.name, parentName: o.parentName }))
}

export default function WishPostPage() {
  const router = useRouter()
  const linkOrgId = router.params.orgId ? decodeURIComponent(router.params.orgId) : null
  const { token, user } = useSession()
  const startId = linkOrgId ?? userOrgIds(user)[0] ?? null
  const targets = useAsync(() => loadStartTargets(startId), [startId])

  const [orgId, setOrgId] = useState<string | null>(null)
  const [chosen, setChosen] = useState<WishTarget | null>(null)
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<{ q: string; items: WishTarget[] | null; error: string | null }>({ q: '', items: null, error: null })
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [category, setCategory] = useState<WishCategory | null>(null)
  const [wisherName, setWisherName] = useState('')
  const [wisherPhone, setWisherPhone] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({})
  const [posted, setPosted] = useState<Wish | null>(null)

  useEffect(() => {
    if (!orgId && targets.data?.preselected) setOrgId(targets.data.preselected)
  }, [orgId, targets.data])

  // Search as they type, once they pause.
  useEffect(() => {
    const q = query.trim()
    if (!q) {
      setFound({ q: '', items: null, error: null })
      return
    }
    let live = true
    const t = setTimeout(() => {
      searchTargets(q).then(
        (items) => live && setFound({ q, items, error: null }),
        (e) => live && setFound({ q, items: null, error: describeError(e) }),
      )
    }, 300)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [query])

  const choose = (t: WishTarget) => {
    setOrgId(t.id)
    setChosen(t)
    setFieldErrors((e) => ({ ...e, orgId: undefined }))
  }

  const submit = async () => {
    const errs: Partial<Record<FieldName, string>> = {}
    const phone = wisherPhone.replace(/\s+/g, '')
    if (!orgId) errs.orgId = '请选择社区或支部，找不到可以搜索名称'
    if (!title.trim()) errs.title = '请写一句话说明您的心愿'
    else if (title.trim().length > TITLE_MAX) errs.title = `标题不能超过 ${TITLE_MAX} 个字`
    if (!description.trim()) errs.description = '请说说具体情况'
    else if (description.trim().length > DESCRIPTION_MAX) errs.description = `详细说明不能超过 ${DESCRIPTION_MAX} 个字`
    if (!category) errs.category = '请选择心愿类别'
    if (phone && !PHONE.test(phone)) errs.wisherPhone = '请填写正确的手机或座机号码'
    setFieldErrors(errs)
    setError(null)
    if (Object.keys(errs).length > 0) {
      setError('还有内容没有填好，请看标红的地方')
      return
    }
    setBusy(true)
    try {
      const wish = await wishesApi.create({
        orgId: orgId!,
        title: title.trim(),
        description: description.trim(),
        category: category!,
        ...(wisherName.trim() ? { wisherName: wisherName.trim() } : {}),
        ...(phone ? { wisherPhone: phone } : {}),
      })
      setPosted(wish)
    } catch (e) {
      // The server's words in the banner (a content-check refusal says what to change), and beside each field.
      setFieldErrors(formErrors(e, ['title', 'description', 'wisherName', 'wisherPhone']).fields)
      setError(describeWishError(e))
    } finally {
      setBusy(false)
    }
  }

  if (!token) {
    return (
      <View className="xf-page xf-wpost">
        <Gate mark="愿" title="登录后才能发布心愿" hint="登录只需要微信授权。您留的电话只给审核的工作人员和认领的党员看。" action="登录" onAction={openLogin} />
      </View>
    )
  }

  if (posted) {
    return (
      <View className="xf-page xf-wpost" data-testid="wish-posted">
        <View className="xf-wpost__done">
          <View className="xf-wpost__done-icon">✓</View>
          <Text className="xf-wpost__done-title">心愿已提交</Text>
          <Text className="xf-wpost__done-text">社区工作人员审核通过后，心愿会出现在心愿墙上，等待党员认领。审核结果会通知您。</Text>
        </View>
        <View className="xf-section">
          <Button type="primary" size="large" block onClick={() => Taro.redirectTo({ url: `${WISH_PAGES.detail}?id=${encodeURIComponent(posted.id)}` })}>
            查看我的心愿
          </Button>
          <View className="xf-wpost__back" hoverClass="xf-pressed" onClick={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: WISH_PAGES.wall }))}>
            <Text>返回心愿墙</Text>
          </View>
        </View>
      </View>
    )
  }

  if (targets.status === 'loading') return <LoadingState />
  if (targets.status === 'error') return <ErrorState error={targets.error} onRetry={targets.reload} />

  // The start list, and the one chosen from a search, each once.
  const start = targets.data?.targets ?? []
  const options = chosen && !start.some((t) => t.id === chosen.id) ? [chosen, ...start] : start

  const staff = user?.roles.some((r) => r.role === 'staff' || r.role === 'admin')
  return (
    <View className="xf-page xf-wpost">
      <View className="xf-wpost__intro">
        <Text>有困难、有需要？写下您的小心愿，社区审核后党员会来认领帮您办。</Text>
      </View>
      <View className="xf-section">
        <View className="xf-panel" data-testid="wish-form">
          <Alert>{error}</Alert>

          <Field label="发给哪个社区或支部" error={fieldErrors.orgId}>
            <View className="xf-wpost__options" data-testid="wish-targets">
              {options.map((o) => (
                <TargetOption key={o.id} target={o} on={o.id === orgId} onChoose={choose} />
              ))}
            </View>
            <Input
              className="xf-wpost__input xf-wpost__search"
              name="orgQuery"
              value={query}
              maxLength={Limits.org.name}
              placeholder={options.length ? '不是这里？搜索社区或支部名称' : '搜索您所在的社区或支部名称'}
              onChange={setQuery}
            />
            {found.error ? <Text className="xf-field__error">{found.error}</Text> : null}
            {found.items && found.items.length === 0 ? <Text className="xf-field__hint">没有找到“{found.q}”，换个说法试试，如“幸福里”</Text> : null}
            {found.items && found.items.length > 0 ? (
              <View className="xf-wpost__options xf-wpost__found" data-testid="wish-target-results">
                {found.items.map((o) => (
                  <TargetOption key={o.id} target={o} on={o.id === orgId} onChoose={(t) => (choose(t), setQuery(''))} />
                ))}
              </View>
            ) : null}
          </Field>

          <Field label="心愿类别" error={fieldErrors.category}>
            <View className="xf-wpost__cats">
              {WishCategories.map((c) => (
                <View
                  key={c}
                  className={`xf-wpost__cat ${c === category ? 'xf-wpost__cat--on' : ''}`}
                  role="radio"
                  aria-checked={c === category}
                  data-testid={`category-${c}`}
                  onClick={() => setCategory(c)}
                >
                  <Text className="xf-wpost__cat-name">{CategoryLabels[c]}</Text>
                  <Text className="xf-wpost__cat-hint">{CategoryHints[c]}</Text>
                </View>
              ))}
            </View>
          </Field>

          <Field label="心愿（一句话）" hint={`${title.trim().length}/${TITLE_MAX} 字`} error={fieldErrors.title}>
            <Input className="xf-wpost__input" name="title" value={title} maxLength={TITLE_MAX} placeholder="例如：想要一台助行器" onChange={setTitle} />
          </Field>

          <Field label="具体情况" error={fieldErrors.description}>
            <TextArea
              className="xf-nut-textarea"
              value={description}
              maxLength={DESCRIPTION_MAX}
              showCount
              placeholder="说说为什么需要、什么时候需要，方便党员帮您"
              onChange={setDescription}
            />
          </Field>

          <Field label={staff ? '称呼 / 居民姓名（选填）' : '您的称呼（选填）'} hint={`心愿墙上只显示姓氏，如“张**”。${staff ? '工作人员填写居民姓名，即为代居民发布。' : ''}`} error={fieldErrors.wisherName}>
            <Input className="xf-wpost__input" name="wisherName" value={wisherName} maxLength={Limits.wish.wisherName} placeholder="例如：张阿姨" onChange={setWisherName} />
          </Field>

          <Field label="联系电话（选填）" hint="不会公开，只有审核的工作人员和认领的党员能看到。" error={fieldErrors.wisherPhone}>
            <Input className="xf-wpost__input" name="wisherPhone" type="tel" value={wisherPhone} maxLength={Limits.member.phone} placeholder="手机号" onChange={setWisherPhone} />
          </Field>

          <Button type="primary" size="large" block loading={busy} onClick={submit}>
            提交心愿
          </Button>
        </View>
      </View>
    </View>
  )
}

function TargetOption({ target, on, onChoose }: { target: WishTarget; on: boolean; onChoose: (t: WishTarget) => void }) {
  return (
    <View className={`xf-wpost__option ${on ? 'xf-wpost__option--on' : ''}`} role="radio" aria-checked={on} onClick={() => onChoose(target)}>
      <Text className="xf-wpost__option-name">{target.name}</Text>
      {target.parentName ? <Text className="xf-wpost__option-parent">{target.parentName}</Text> : null}
    </View>
  )
}
