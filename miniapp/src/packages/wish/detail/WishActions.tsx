import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { User, Wish } from '@xianfeng/shared'
import { Limits, Pages, pageUrl, todayInShanghai } from '@xianfeng/shared'
import { describeWishError, wishesApi } from '../../../api/wishes'
import { ActionPanel, Lead } from '../../../components/ActionPanel'
import { DateField } from '../../../components/DateField'
import { Field } from '../../../components/Field'
import { PhotoNoteForm } from '../../../components/PhotoNoteForm'
import { ReasonForm } from '../../../components/ReasonForm'
import { StarInput } from '../../../components/Stars'
import { useAction, type Action } from '../../../hooks/useAction'
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
const STALE = ['WISH_ALREADY_CLAIMED', 'WISH_NOT_OPEN', 'INVALID_STATE_TRANSITION'] as const

/** What every panel gets: the wish and the one action runner of the page (its error outlives a panel that a reload takes away). */
interface PanelProps {
  wish: Wish
  action: Action<Wish>
}

/** 支部议卡: staff review a new wish — approve (with an optional last day) or reject with a reason. */
function ReviewPanel({ wish, action }: PanelProps) {
  const today = todayInShanghai()
  const [expiresOn, setExpiresOn] = useState(() => (wish.expiresOn && wish.expiresOn >= today ? wish.expiresOn : ''))
  const [rejecting, setRejecting] = useState(false)
  return (
    <ActionPanel title="审核心愿" testid="wish-review" error={action.error}>
      <Text className="xf-field__hint xf-lead">请核实心愿内容，通过后心愿会公开上墙，党员可以认领。</Text>
      {rejecting ? (
        <ReasonForm
          label="驳回原因"
          placeholder="请写明原因，心愿人会看到"
          maxLength={Limits.wish.rejectReason}
          submitText="确认驳回"
          busy={action.busy === 'reject'}
          onCancel={() => setRejecting(false)}
          onSubmit={(reason) => action.run('reject', () => wishesApi.reject(wish.id, reason), { done: '已驳回' })}
        />
      ) : (
        <>
          <Field label="认领截止日期（选填）" hint="过了这一天仍无人认领，心愿会自动撤下。">
            <DateField value={expiresOn} onChange={setExpiresOn} start={today} placeholder="不设截止日期" clearable />
          </Field>
          <View className="xf-row">
            <Button className="xf-half" type="primary" size="large" fill="outline" onClick={() => setRejecting(true)}>
              驳回
            </Button>
            <Button
              className="xf-half"
              type="primary"
              size="large"
              loading={action.busy === 'approve'}
              onClick={() => action.run('approve', () => wishesApi.approve(wish.id, expiresOn ? { expiresOn } : {}), { done: '已通过' })}
            >
              通过
            </Button>
          </View>
        </>
      )}
    </ActionPanel>
  )
}

/** 党员领卡: a bound member claims an open wish; others are told how they could. */
function ClaimPanel({ wish, action, token, user }: PanelProps & { token: string | null; user: User | null }) {
  if (wish.viewer.wisher) return <ActionPanel title="认领情况" testid="wish-claim" error={action.error}><Lead>您的心愿已上墙，正在等待党员认领。</Lead></ActionPanel>
  if (!token) {
    return (
      <ActionPanel title="认领心愿" testid="wish-claim" error={action.error}>
        <Lead>党员登录后可以认领这个心愿。</Lead>
        <Button type="primary" size="large" block onClick={openLogin}>
          登录后认领
        </Button>
      </ActionPanel>
    )
  }
  if (!user?.member) {
    return (
      <ActionPanel title="认领心愿" testid="wish-claim" error={action.error}>
        <Lead>心愿由党员认领。绑定党员身份后即可认领。</Lead>
        <Button type="primary" size="large" block fill="outline" onClick={() => Taro.switchTab({ url: pageUrl(Pages.me) })}>
          去绑定党员身份
        </Button>
      </ActionPanel>
    )
  }
  return (
    <ActionPanel title="认领心愿" testid="wish-claim" error={action.error}>
      <Lead>认领后，您可以看到心愿人的联系方式，请尽快联系并帮助办理。</Lead>
      <Button
        type="primary"
        size="large"
        block
        loading={action.busy === 'claim'}
        onClick={() => action.run('claim', () => wishesApi.claim(wish.id), { done: '认领成功', confirm: { title: '认领心愿', content: `确定认领“${wish.title}”吗？` } })}
      >
        我来认领
      </Button>
    </ActionPanel>
  )
}

/** The claimer carries the wish out (a note and photos), or gives it back to the wall. */
function FulfilPanel({ wish, action }: PanelProps) {
  const release = () =>
    action.run('release', () => wishesApi.release(wish.id), {
      done: '已释放',
      confirm: { title: '释放心愿', content: '释放后心愿会回到心愿墙，其他党员可以认领。确定释放吗？' },
    })
  return (
    <ActionPanel title="办理心愿" testid="wish-fulfil" error={action.error}>
      <PhotoNoteForm
        label="完成情况"
        placeholder="写下办了什么，例如：已送去助行器并教会使用"
        maxLength={Limits.wish.fulfilNote}
        maxPhotos={Limits.wish.photos}
        submitText="标记完成"
        busy={action.busy === 'fulfil'}
        onSubmit={(note, photos) => action.run('fulfil', () => wishesApi.fulfil(wish.id, { note, ...(photos.length ? { photos } : {}) }), { done: '已标记完成' })}
      />
      <View className="xf-wish-actions__release" hoverClass="xf-pressed" onClick={release}>
        <Text>办不了？释放心愿</Text>
      </View>
    </ActionPanel>
  )
}

/** The wisher (or staff, for a resident without the app) confirms, with thanks and a rating if they like. */
function ConfirmPanel({ wish, action }: PanelProps) {
  const [thanks, setThanks] = useState('')
  const [rating, setRating] = useState(0)
  const body = { ...(thanks.trim() ? { thanks: thanks.trim() } : {}), ...(rating ? { rating } : {}) }
  return (
    <ActionPanel title="确认完成" testid="wish-confirm" error={action.error}>
      <Lead>心愿办好了吗？确认后，可以给党员打个分、说声谢谢。</Lead>
      <Field label="满意度（选填）">
        <StarInput value={rating} onChange={setRating} clearable />
      </Field>
      <Field label="感谢的话（选填）">
        <TextArea className="xf-nut-textarea" value={thanks} maxLength={Limits.wish.thanks} showCount placeholder="例如：谢谢小王，帮了大忙！" onChange={setThanks} />
      </Field>
      <Button type="primary" size="large" block loading={action.busy === 'confirm'} onClick={() => action.run('confirm', () => wishesApi.confirm(wish.id, body), { done: '已确认' })}>
        确认完成
      </Button>
    </ActionPanel>
  )
}

/**
 * What the caller may do with the wish now, from its status and the API's `viewer` flags: staff
 * review (通过 / 驳回), a member claims (认领), the claimer releases or fulfils (释放 / 完成), the wisher
 * or staff confirm (确认) with thanks and a rating.
 */
export function WishActions({ wish, token, user, onChanged, onStale }: WishActionsProps) {
  const action = useAction<Wish>({ describe: describeWishError, staleCodes: STALE, onStale, onChanged })
  const v = wish.viewer
  const notice = (title: string, text: string, testid: string) => (
    <ActionPanel title={title} testid={testid} error={action.error}>
      <Lead>{text}</Lead>
    </ActionPanel>
  )

  if (wish.status === 'pending_review' && v.staff) return <ReviewPanel wish={wish} action={action} />
  if (wish.status === 'pending_review' && v.wisher) return notice('审核情况', '您的心愿正在等待社区工作人员审核，通过后会出现在心愿墙上。', 'wish-pending')
  if (wish.status === 'open') return <ClaimPanel wish={wish} action={action} token={token} user={user} />
  if (wish.status === 'claimed' && v.claimer) return <FulfilPanel wish={wish} action={action} />
  if (wish.status === 'fulfilled' && (v.wisher || v.staff)) return <ConfirmPanel wish={wish} action={action} />
  if (wish.status === 'fulfilled') return notice('办理情况', '党员已完成这个心愿，等待心愿人确认。', 'wish-waiting')
  if (action.error) return <ActionPanel title="提示" testid="wish-error" error={action.error} />
  return null
}
