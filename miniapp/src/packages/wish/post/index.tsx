import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import type { Org, Wish, WishCategory } from '@xianfeng/shared'
import { Limits, WishCategories } from '@xianfeng/shared'
import { api } from '../../../api/client'
import { formErrors } from '../../../api/errors'
import { describeWishError, wishesApi } from '../../../api/wishes'
import { useSession } from '../../../auth/session'
import { Gate } from '../../../components/Gate'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAsync } from '../../../hooks/useAsync'
import { defaultListOrgId } from '../../../utils/orgs'
import { openLogin } from '../../../utils/nav'
import { CategoryHints, CategoryLabels, WISH_PAGES } from '../labels'
import { Alert } from '../../../components/Alert'
import { Field } from '../../../components/Field'
import './index.css'

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/
const TITLE_MAX = Limits.wish.title
const DESCRIPTION_MAX = Limits.wish.description

type FieldName = 'orgId' | 'title' | 'description' | 'category' | 'wisherName' | 'wisherPhone'

/** The organisation the wish goes to: the one in the link (or the user's) and its direct children. */
async function loadTargets(orgId: string | null, userOrg: () => Promise<string | null>): Promise<Org[]> {
  const id = orgId ?? (await userOrg())
  if (!id) return []
  const [org, children] = await Promise.all([api.org(id), api.orgChildren(id).then((p) => p.items).catch(() => [] as Org[])])
  return [org, ...children]
}

export default function WishPostPage() {
  const router = useRouter()
  const linkOrgId = router.params.orgId ? decodeURIComponent(router.params.orgId) : null
  const { token, user } = useSession()
  const targets = useAsync(() => loadTargets(linkOrgId, () => defaultListOrgId(user)), [linkOrgId])

  const [orgId, setOrgId] = useState<string | null>(null)
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
    if (!orgId && targets.data?.[0]) setOrgId(targets.data[0].id)
  }, [orgId, targets.data])

  const submit = async () => {
    const errs: Partial<Record<FieldName, string>> = {}
    const phone = wisherPhone.replace(/\s+/g, '')
    if (!orgId) errs.orgId = '请选择社区'
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
  if (!targets.data || targets.data.length === 0) return <EmptyState text="还没有可以许愿的社区" />

  const staff = user?.roles.some((r) => r.role === 'staff' || r.role === 'admin')
  return (
    <View className="xf-page xf-wpost">
      <View className="xf-wpost__intro">
        <Text>有困难、有需要？写下您的小心愿，社区审核后党员会来认领帮您办。</Text>
      </View>
      <View className="xf-section">
        <View className="xf-panel" data-testid="wish-form">
          <Alert>{error}</Alert>

          <Field label="发给哪个社区" error={fieldErrors.orgId}>
            <View className="xf-wpost__options">
              {targets.data.map((o) => (
                <View
                  key={o.id}
                  className={`xf-wpost__option ${o.id === orgId ? 'xf-wpost__option--on' : ''}`}
                  role="radio"
                  aria-checked={o.id === orgId}
                  onClick={() => setOrgId(o.id)}
                >
                  <Text>{o.name}</Text>
                </View>
              ))}
            </View>
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
