import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { Commitment, CommitmentOwnerType } from '@xianfeng/shared'
import { COMMITMENT_LIMITS as L, todayInShanghai } from '@xianfeng/shared'
import { formErrors } from '../../../api/errors'
import { commitmentsApi, describeCommitmentError } from '../../../api/commitments'
import { useSession } from '../../../auth/session'
import { DateField } from '../../../components/DateField'
import { Gate } from '../../../components/Gate'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { openLogin } from '../../../utils/nav'
import { staffOrgs } from '../../../utils/staff'
import { COMMITMENT_PAGES } from '../labels'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import './index.css'

type FieldName = 'title' | 'content' | 'items' | 'dueOn'

/** Who a new commitment is of: the member themself, or (staff) an organisation they serve — a 支部承诺. */
interface Owner {
  ownerType: CommitmentOwnerType
  orgId: string
  orgName: string
}

const detailUrl = (id: string) => `${COMMITMENT_PAGES.detail}?id=${encodeURIComponent(id)}`

/**
 * A member writes a commitment (a draft in their own organisation), then may submit it for review.
 * Staff may instead write one for an organisation they serve (支部承诺); `?ownerType=branch&orgId=`
 * preselects it. With `?id=` the owner edits a draft instead (e.g. after staff sent it back).
 */
export default function CommitmentCreatePage() {
  const router = useRouter()
  const editId = router.params.id ? decodeURIComponent(router.params.id) : ''
  const { token, user } = useSession()
  const existing = useAsync(async () => (editId && token ? commitmentsApi.get(editId) : null), [editId, token])

  const [title, setTitle] = useState('')
  const [content, setContent] = useState('')
  const [items, setItems] = useState<string[]>([''])
  const [dueOn, setDueOn] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({})
  const [saved, setSaved] = useState<Commitment | null>(null)
  const today = todayInShanghai()
  const owners: Owner[] = [
    ...(user?.member ? [{ ownerType: 'member' as const, orgId: user.member.orgId, orgName: user.member.orgName ?? '本支部' }] : []),
    ...staffOrgs(user).map((o) => ({ ownerType: 'branch' as const, orgId: o.id, orgName: o.name })),
  ]
  const wanted = router.params.ownerType === 'branch' ? decodeURIComponent(router.params.orgId ?? '') : null
  const [ownerKey, setOwnerKey] = useState<string | null>(null)
  const keyOf = (o: Owner) => `${o.ownerType}:${o.orgId}`
  const owner = owners.find((o) => keyOf(o) === ownerKey) ?? owners.find((o) => o.ownerType === 'branch' && o.orgId === wanted) ?? owners[0] ?? null

  useEffect(() => {
    const c = existing.data
    if (!c) return
    setTitle(c.title)
    setContent(c.content)
    setItems(c.items.length ? c.items : [''])
    setDueOn(c.dueOn)
  }, [existing.data])

  const setItem = (i: number, v: string) => setItems((xs) => xs.map((x, j) => (j === i ? v : x)))

  const save = async () => {
    const list = items.map((s) => s.trim()).filter(Boolean)
    const errs: Partial<Record<FieldName, string>> = {}
    if (!title.trim()) errs.title = '请填写承诺标题'
    else if (title.trim().length > L.titleMax) errs.title = `标题不能超过 ${L.titleMax} 个字`
    if (!content.trim()) errs.content = '请写明承诺内容'
    else if (content.trim().length > L.contentMax) errs.content = `内容不能超过 ${L.contentMax} 个字`
    if (list.length < L.itemsMin) errs.items = '至少写一项具体事项'
    else if (list.length > L.itemsMax) errs.items = `最多 ${L.itemsMax} 项`
    else if (list.some((s) => s.length > L.itemMax)) errs.items = `每项不能超过 ${L.itemMax} 个字`
    if (!dueOn) errs.dueOn = '请选择完成期限'
    else if (dueOn < today) errs.dueOn = '完成期限不能早于今天'
    setFieldErrors(errs)
    setError(null)
    if (Object.keys(errs).length > 0) {
      setError('还有内容没有填好，请看标红的地方')
      return
    }
    setBusy('save')
    try {
      const body = { title: title.trim(), content: content.trim(), items: list, dueOn }
      const c = editId
        ? await commitmentsApi.update(editId, body)
        : await commitmentsApi.create({ ownerType: owner!.ownerType, orgId: owner!.orgId, ...body })
      setSaved(c)
    } catch (e) {
      setFieldErrors(formErrors(e, ['title', 'content', 'items', 'dueOn']).fields)
      setError(describeCommitmentError(e))
    } finally {
      setBusy(null)
    }
  }

  const submit = async () => {
    if (!saved || busy) return
    setBusy('submit')
    setError(null)
    try {
      await commitmentsApi.submit(saved.id)
      Taro.showToast({ title: '已提交审核', icon: 'success' })
      Taro.redirectTo({ url: detailUrl(saved.id) })
    } catch (e) {
      setError(describeCommitmentError(e))
    } finally {
      setBusy(null)
    }
  }

  if (!token) {
    return (
      <View className="xf-page">
        <Gate mark="诺" title="登录后才能发布承诺" hint="党员登录后，可以写下自己为群众办实事的承诺。" action="登录" onAction={openLogin} />
      </View>
    )
  }
  if (!owner && !editId) {
    return (
      <View className="xf-page">
        <Gate
          mark="诺"
          title="绑定党员身份后才能发布承诺"
          hint="请在“我的”页面输入支部给您的绑定码。"
          action="去绑定党员身份"
          onAction={() => Taro.switchTab({ url: '/pages/me/index' })}
        />
      </View>
    )
  }
  if (editId && existing.status === 'loading') return <LoadingState />
  if (editId && existing.status === 'error') return <ErrorState error={existing.error} onRetry={existing.reload} />
  if (editId && existing.data && existing.data.status !== 'draft') {
    return <EmptyState text="这项承诺已提交，不能再修改" hint="只有草稿（或被退回的承诺）可以修改。" />
  }

  if (saved) {
    return (
      <View className="xf-page" data-testid="commitment-saved">
        <View className="xf-ccreate__done">
          <View className="xf-ccreate__done-icon">✓</View>
          <Text className="xf-ccreate__done-title">{editId ? '修改已保存' : '承诺草稿已保存'}</Text>
          <Text className="xf-ccreate__done-text">提交审核后，党组织审核通过即公开，群众可以查看和评议。</Text>
        </View>
        <View className="xf-section">
          <Alert>{error}</Alert>
          <Button type="primary" size="large" block loading={busy === 'submit'} onClick={submit}>
            提交审核
          </Button>
          <View className="xf-ccreate__later" hoverClass="xf-pressed" onClick={() => Taro.redirectTo({ url: detailUrl(saved.id) })}>
            <Text>暂不提交，查看草稿</Text>
          </View>
        </View>
      </View>
    )
  }

  return (
    <View className="xf-page xf-ccreate">
      <View className="xf-ccreate__intro">
        <Text>
          {owner?.ownerType === 'branch'
            ? `以“${owner.orgName}”的名义发布支部承诺。写下支部要为群众办的实事，上级审核后公开。`
            : `承诺发布在：${owner?.orgName ?? '本支部'}。写下您要为群众办的实事，党组织审核后公开。`}
        </Text>
      </View>
      <View className="xf-section">
        <View className="xf-panel" data-testid="commitment-form">
          <Alert>{error}</Alert>
          {!editId && owners.length > 1 ? (
            <Field label="承诺主体" testid="commitment-owner">
              <View className="xf-ccreate__owners">
                {owners.map((o) => (
                  <View
                    key={keyOf(o)}
                    className={`xf-ccreate__owner${owner && keyOf(owner) === keyOf(o) ? ' xf-ccreate__owner--on' : ''}`}
                    data-testid={`owner-${o.ownerType}`}
                    hoverClass="xf-pressed"
                    onClick={() => setOwnerKey(keyOf(o))}
                  >
                    {o.ownerType === 'member' ? '个人承诺' : `支部承诺 · ${o.orgName}`}
                  </View>
                ))}
              </View>
            </Field>
          ) : null}
          <Field label="承诺标题" hint={`${title.trim().length}/${L.titleMax} 字`} error={fieldErrors.title}>
            <Input className="xf-ccreate__input" name="title" value={title} maxLength={L.titleMax} placeholder="例如：每周为独居老人送一次菜" onChange={setTitle} />
          </Field>
          <Field label="承诺内容" error={fieldErrors.content}>
            <TextArea
              className="xf-nut-textarea"
              value={content}
              maxLength={L.contentMax}
              showCount
              placeholder="为谁、做什么、怎么做"
              onChange={setContent}
            />
          </Field>
          <Field label={`具体事项（${items.length}/${L.itemsMax}）`} error={fieldErrors.items}>
            {items.map((it, i) => (
              <View key={i} className="xf-ccreate__item">
                <Text className="xf-ccreate__item-no">{i + 1}.</Text>
                <Input className="xf-ccreate__input xf-ccreate__item-input" name={`item-${i}`} value={it} maxLength={L.itemMax} placeholder="一件能做到、看得见的事" onChange={(v) => setItem(i, v)} />
                {items.length > 1 ? (
                  <Text className="xf-ccreate__remove" aria-label={`删除第 ${i + 1} 项`} onClick={() => setItems((xs) => xs.filter((_, j) => j !== i))}>
                    删除
                  </Text>
                ) : null}
              </View>
            ))}
            {items.length < L.itemsMax ? (
              <View className="xf-ccreate__add" hoverClass="xf-pressed" onClick={() => setItems((xs) => [...xs, ''])}>
                <Text>＋ 添加一项</Text>
              </View>
            ) : null}
          </Field>
          <Field label="完成期限" error={fieldErrors.dueOn}>
            <DateField value={dueOn} onChange={setDueOn} start={today} placeholder="请选择日期" />
          </Field>
          <Button type="primary" size="large" block loading={busy === 'save'} onClick={save}>
            {editId ? '保存修改' : '保存草稿'}
          </Button>
        </View>
      </View>
    </View>
  )
}
