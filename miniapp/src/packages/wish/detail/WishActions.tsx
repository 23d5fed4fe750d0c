import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import type { User, Wish } from '@xianfeng/shared'
import { ApiError } from '../../../api/errors'
import { describeWishError, wishesApi } from '../../../api/wishes'
import { DateField } from '../../../components/DateField'
import { PhotoPicker } from '../../../components/Photos'
import { StarInput } from '../../../components/Stars'
import { todayInShanghai } from '../../../utils/orgs'
import { openLogin } from '../../../utils/nav'

export interface WishActionsProps {
  wish: Wish
  token: string | null
  user: User | null
  /** The wish as a step left it. */
  onChanged: (w: Wish) => void
  /** Something changed under us (409): load the wish again. */
  onStale: () => void
}

/** Conflicts that mean the page shows an old state of the wish. */
const STALE = new Set(['WISH_ALREADY_CLAIMED', 'WISH_NOT_OPEN', 'INVALID_STATE_TRANSITION'])

/**
 * What the caller may do with the wish now, from its status and the API's `viewer` flags: staff
 * review (通过 / 驳回), a member claims (认领), the claimer releases or fulfils (释放 / 完成), the wisher
 * or staff confirm (确认) with thanks and a rating.
 */
export function WishActions({ wish, token, user, onChanged, onStale }: WishActionsProps) {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [expiresOn, setExpiresOn] = useState(() => (wish.expiresOn && wish.expiresOn >= todayInShanghai() ? wish.expiresOn : ''))
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [thanks, setThanks] = useState('')
  const [rating, setRating] = useState(0)

  const run = async (name: string, call: () => Promise<Wish>, done: string) => {
    if (busy) return
    setBusy(name)
    setError(null)
    try {
      const next = await call()
      Taro.showToast({ title: done, icon: 'success' })
      onChanged(next)
    } catch (e) {
      setError(describeWishError(e))
      if (e instanceof ApiError && STALE.has(e.code)) onStale()
    } finally {
      setBusy(null)
    }
  }

  const confirmFirst = async (title: string, content: string) => {
    const r = await Taro.showModal({ title, content, confirmColor: '#c8102e' }).catch(() => ({ confirm: false }))
    return r.confirm
  }

  const v = wish.viewer
  const alert = error ? (
    <View className="xf-alert" role="alert">
      {error}
    </View>
  ) : null
  const panel = (title: string, children: ReactNode, testid: string) => (
    <View className="xf-section" data-testid={testid}>
      <View className="xf-section__title">
        <Text>{title}</Text>
      </View>
      <View className="xf-panel xf-wish-actions">
        {alert}
        {children}
      </View>
    </View>
  )

  // 支部议卡: staff review a new wish.
  if (wish.status === 'pending_review' && v.staff) {
    return panel(
      '审核心愿',
      <>
        <Text className="xf-field__hint xf-wish-actions__lead">请核实心愿内容，通过后心愿会公开上墙，党员可以认领。</Text>
        {rejecting ? (
          <View className="xf-field">
            <Text className="xf-field__label">驳回原因</Text>
            <TextArea className="xf-wish__textarea" value={reason} maxLength={200} showCount placeholder="请写明原因，心愿人会看到" onChange={setReason} />
            <View className="xf-wish-actions__row">
              <Button className="xf-wish-actions__half" type="primary" size="large" fill="outline" onClick={() => setRejecting(false)}>
                取消
              </Button>
              <Button
                className="xf-wish-actions__half"
                type="primary"
                size="large"
                loading={busy === 'reject'}
                disabled={!reason.trim()}
                onClick={() => run('reject', () => wishesApi.reject(wish.id, reason.trim()), '已驳回')}
              >
                确认驳回
              </Button>
            </View>
          </View>
        ) : (
          <>
            <View className="xf-field">
              <Text className="xf-field__label">认领截止日期（选填）</Text>
              <DateField value={expiresOn} onChange={setExpiresOn} start={todayInShanghai()} placeholder="不设截止日期" clearable />
              <Text className="xf-field__hint">过了这一天仍无人认领，心愿会自动撤下。</Text>
            </View>
            <View className="xf-wish-actions__row">
              <Button className="xf-wish-actions__half" type="primary" size="large" fill="outline" onClick={() => setRejecting(true)}>
                驳回
              </Button>
              <Button
                className="xf-wish-actions__half"
                type="primary"
                size="large"
                loading={busy === 'approve'}
                onClick={() => run('approve', () => wishesApi.approve(wish.id, expiresOn ? { expiresOn } : {}), '已通过')}
              >
                通过
              </Button>
            </View>
          </>
        )}
      </>,
      'wish-review',
    )
  }

  if (wish.status === 'pending_review' && v.wisher) {
    return panel('审核情况', <Text className="xf-wish-actions__lead">您的心愿正在等待社区工作人员审核，通过后会出现在心愿墙上。</Text>, 'wish-pending')
  }

  // 党员领卡.
  if (wish.status === 'open') {
    if (v.wisher) return panel('认领情况', <Text className="xf-wish-actions__lead">您的心愿已上墙，正在等待党员认领。</Text>, 'wish-claim')
    if (!token) {
      return panel(
        '认领心愿',
        <>
          <Text className="xf-wish-actions__lead">党员登录后可以认领这个心愿。</Text>
          <Button type="primary" size="large" block onClick={openLogin}>
            登录后认领
          </Button>
        </>,
        'wish-claim',
      )
    }
    if (!user?.member) {
      return panel(
        '认领心愿',
        <>
          <Text className="xf-wish-actions__lead">心愿由党员认领。绑定党员身份后即可认领。</Text>
          <Button type="primary" size="large" block fill="outline" onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
            去绑定党员身份
          </Button>
        </>,
        'wish-claim',
      )
    }
    return panel(
      '认领心愿',
      <>
        <Text className="xf-wish-actions__lead">认领后，您可以看到心愿人的联系方式，请尽快联系并帮助办理。</Text>
        <Button
          type="primary"
          size="large"
          block
          loading={busy === 'claim'}
          onClick={async () => {
            if (await confirmFirst('认领心愿', `确定认领“${wish.title}”吗？`)) await run('claim', () => wishesApi.claim(wish.id), '认领成功')
          }}
        >
          我来认领
        </Button>
      </>,
      'wish-claim',
    )
  }

  // The claimer carries it out, or gives it back.
  if (wish.status === 'claimed' && v.claimer) {
    return panel(
      '办理心愿',
      <>
        <View className="xf-field">
          <Text className="xf-field__label">完成情况</Text>
          <TextArea className="xf-wish__textarea" value={note} maxLength={500} showCount placeholder="写下办了什么，例如：已送去助行器并教会使用" onChange={setNote} />
        </View>
        <View className="xf-field">
          <Text className="xf-field__label">照片（选填，最多 9 张）</Text>
          <PhotoPicker photos={photos} onChange={setPhotos} />
        </View>
        <Button
          type="primary"
          size="large"
          block
          loading={busy === 'fulfil'}
          disabled={!note.trim()}
          onClick={() => run('fulfil', () => wishesApi.fulfil(wish.id, { note: note.trim(), ...(photos.length ? { photos } : {}) }), '已标记完成')}
        >
          标记完成
        </Button>
        <View
          className="xf-wish-actions__release"
          hoverClass="xf-pressed"
          onClick={async () => {
            if (busy) return
            if (await confirmFirst('释放心愿', '释放后心愿会回到心愿墙，其他党员可以认领。确定释放吗？')) {
              await run('release', () => wishesApi.release(wish.id), '已释放')
            }
          }}
        >
          <Text>办不了？释放心愿</Text>
        </View>
      </>,
      'wish-fulfil',
    )
  }

  // The wisher (or staff, for a resident without the app) confirms.
  if (wish.status === 'fulfilled' && (v.wisher || v.staff)) {
    return panel(
      '确认完成',
      <>
        <Text className="xf-wish-actions__lead">心愿办好了吗？确认后，可以给党员打个分、说声谢谢。</Text>
        <View className="xf-field">
          <Text className="xf-field__label">满意度（选填）</Text>
          <StarInput value={rating} onChange={setRating} clearable />
        </View>
        <View className="xf-field">
          <Text className="xf-field__label">感谢的话（选填）</Text>
          <TextArea className="xf-wish__textarea" value={thanks} maxLength={200} showCount placeholder="例如：谢谢小王，帮了大忙！" onChange={setThanks} />
        </View>
        <Button
          type="primary"
          size="large"
          block
          loading={busy === 'confirm'}
          onClick={() =>
            run('confirm', () => wishesApi.confirm(wish.id, { ...(thanks.trim() ? { thanks: thanks.trim() } : {}), ...(rating ? { rating } : {}) }), '已确认')
          }
        >
          确认完成
        </Button>
      </>,
      'wish-confirm',
    )
  }

  if (wish.status === 'fulfilled') return panel('办理情况', <Text className="xf-wish-actions__lead">党员已完成这个心愿，等待心愿人确认。</Text>, 'wish-waiting')
  if (error) return panel('提示', null, 'wish-error')
  return null
}
