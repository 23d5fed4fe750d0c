import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import type { Commitment, ReviewKind, User } from '@xianfeng/shared'
import { Limits, ReviewKindLabels } from '@xianfeng/shared'
import { commitmentsApi, describeCommitmentError } from '../../../api/commitments'
import { ActionPanel, Lead } from '../../../components/ActionPanel'
import { Field } from '../../../components/Field'
import { PhotoNoteForm } from '../../../components/PhotoNoteForm'
import { ReasonForm } from '../../../components/ReasonForm'
import { StarInput } from '../../../components/Stars'
import { useAction } from '../../../hooks/useAction'
import { openLogin } from '../../../utils/nav'
import { COMMITMENT_PAGES } from '../labels'

const L = Limits.commitment

/**
 * The kind of review the caller would write: staff → 组织点评, a member of the same organisation →
 * 党员互评, anyone else → 群众评议; none for the member whose commitment it is.
 */
export function reviewKindFor(c: Pick<Commitment, 'orgId' | 'ownerType' | 'viewer'>, user: User | null): ReviewKind | null {
  if (!user || (c.ownerType === 'member' && c.viewer.owner)) return null
  if (c.viewer.staff) return 'org'
  if (user.member && user.member.orgId === c.orgId) return 'peer'
  return 'public'
}

interface PanelProps {
  c: Commitment
  onChanged: (c: Commitment) => void
  onStale: () => void
}

/** Each panel runs its own actions: several are on the page at once, each with its own error. */
function useCommitmentAction({ onChanged, onStale }: Omit<PanelProps, 'c'>) {
  return useAction<Commitment>({ describe: describeCommitmentError, staleCodes: ['INVALID_STATE_TRANSITION', 'ALREADY_REVIEWED'], onStale, onChanged })
}

const WITHDRAW_CONFIRM = { title: '撤回承诺', content: '撤回后这项承诺不再办理，确定撤回吗？' }

/** The owner: submits a draft (or edits it), withdraws it while it is not yet public. */
function OwnerPanel({ c, ...rest }: PanelProps) {
  const action = useCommitmentAction(rest)
  const withdraw = (
    <Text className="xf-link xf-link--muted" onClick={() => action.run('withdraw', () => commitmentsApi.withdraw(c.id), { done: '已撤回', confirm: WITHDRAW_CONFIRM })}>
      撤回承诺
    </Text>
  )
  if (c.status === 'pending_review') {
    return (
      <ActionPanel title="我的承诺" testid="commitment-owner" error={action.error}>
        <Lead>已提交，正在等待党组织审核。</Lead>
        <View className="xf-links">{withdraw}</View>
      </ActionPanel>
    )
  }
  return (
    <ActionPanel title="我的承诺" testid="commitment-owner" error={action.error}>
      <Lead>这是草稿，只有您和党组织能看到。提交后由党组织审核，通过后公开。</Lead>
      <Button type="primary" size="large" block loading={action.busy === 'submit'} onClick={() => action.run('submit', () => commitmentsApi.submit(c.id), { done: '已提交审核' })}>
        提交审核
      </Button>
      <View className="xf-links">
        <Text className="xf-link" onClick={() => Taro.navigateTo({ url: `${COMMITMENT_PAGES.create}?id=${encodeURIComponent(c.id)}` })}>
          修改内容
        </Text>
        {withdraw}
      </View>
    </ActionPanel>
  )
}

/** The owner reports progress (践诺) on a published commitment. */
function ProgressPanel({ c, ...rest }: PanelProps) {
  const action = useCommitmentAction(rest)
  return (
    <ActionPanel title="报告践诺进展" testid="commitment-progress-form" error={action.error}>
      <PhotoNoteForm
        placeholder="这段时间做了什么？例如：本周为 3 位老人送菜上门"
        maxLength={L.progressTextMax}
        maxPhotos={L.progressPhotosMax}
        submitText="发布进展"
        busy={action.busy === 'progress'}
        onSubmit={(text, photos) => action.run('progress', () => commitmentsApi.addProgress(c.id, { text, ...(photos.length ? { photos } : {}) }), { done: '已发布进展' })}
      />
    </ActionPanel>
  )
}

/** Staff review a submitted commitment: approve it, or send it back with a reason. */
function StaffReviewPanel({ c, ...rest }: PanelProps) {
  const action = useCommitmentAction(rest)
  const [returning, setReturning] = useState(false)
  return (
    <ActionPanel title="审核承诺" testid="commitment-review-staff" error={action.error}>
      {returning ? (
        <ReasonForm
          label="退回原因"
          placeholder="请写明需要修改的地方，承诺人会看到"
          maxLength={L.returnReasonMax}
          submitText="确认退回"
          busy={action.busy === 'return'}
          onCancel={() => setReturning(false)}
          onSubmit={(reason) => action.run('return', () => commitmentsApi.sendBack(c.id, reason), { done: '已退回' })}
        />
      ) : (
        <>
          <Lead>审核通过后承诺会公开，群众可以查看和评议。</Lead>
          <View className="xf-row">
            <Button className="xf-half" type="primary" fill="outline" size="large" onClick={() => setReturning(true)}>
              退回修改
            </Button>
            <Button className="xf-half" type="primary" size="large" loading={action.busy === 'approve'} onClick={() => action.run('approve', () => commitmentsApi.approve(c.id), { done: '已通过' })}>
              审核通过
            </Button>
          </View>
        </>
      )}
    </ActionPanel>
  )
}

/** Staff confirm that a published commitment was kept (践诺). */
function StaffFulfilPanel({ c, ...rest }: PanelProps) {
  const action = useCommitmentAction(rest)
  const confirm = { title: '确认践诺', content: `确认“${c.title}”已经兑现吗？` }
  return (
    <ActionPanel title="践诺确认" testid="commitment-fulfil" error={action.error}>
      <Lead>承诺的事项都办到后，由党组织确认践诺。</Lead>
      <Button type="primary" size="large" block loading={action.busy === 'fulfil'} onClick={() => action.run('fulfil', () => commitmentsApi.fulfil(c.id), { done: '已确认践诺', confirm })}>
        确认践诺
      </Button>
    </ActionPanel>
  )
}

/** 评诺: one review per kind; the kind follows from who the caller is. */
function ReviewPanel({ c, kind, ...rest }: PanelProps & { kind: ReviewKind }) {
  const action = useCommitmentAction(rest)
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  const label = ReviewKindLabels[kind]
  const done = c.reviews.some((r) => r.mine && r.kind === kind)
  const submit = () =>
    action.run('review', () => commitmentsApi.review(c.id, { kind, score, ...(comment.trim() ? { comment: comment.trim() } : {}) }), {
      done: '评价成功',
      after: () => {
        setScore(0)
        setComment('')
      },
    })
  return (
    <ActionPanel title={label} testid="commitment-review" error={action.error}>
      {done ? (
        <Lead>您已提交{label}，谢谢您的评价！</Lead>
      ) : (
        <>
          <Field label="打分">
            <StarInput value={score} onChange={setScore} />
          </Field>
          <Field label="留言（选填）">
            <TextArea className="xf-nut-textarea" value={comment} maxLength={L.reviewCommentMax} showCount placeholder="说说您看到的践诺情况" onChange={setComment} />
          </Field>
          <Button type="primary" size="large" block disabled={!score} loading={action.busy === 'review'} onClick={submit}>
            提交{label}
          </Button>
        </>
      )}
    </ActionPanel>
  )
}

interface Props extends PanelProps {
  /** Which actions this block offers: the lifecycle (owner and staff), progress reports, or reviews. */
  part: 'manage' | 'progress' | 'review'
  token: string | null
  user: User | null
}

/**
 * What the caller may do now, from the commitment's status and the API's `viewer` flags: the owner
 * submits, withdraws and reports progress; staff approve, send back and mark fulfilled; anyone else
 * eligible reviews (one review per kind).
 */
export function CommitmentActions({ part, c, token, user, onChanged, onStale }: Props) {
  const panel = { c, onChanged, onStale }
  const { owner, staff } = c.viewer
  const live = c.status === 'published' || c.status === 'fulfilled'
  if (part === 'manage') {
    return (
      <>
        {owner && (c.status === 'draft' || (c.status === 'pending_review' && !staff)) ? <OwnerPanel key="owner" {...panel} /> : null}
        {staff && c.status === 'pending_review' ? <StaffReviewPanel key="staff-review" {...panel} /> : null}
        {staff && c.status === 'published' ? <StaffFulfilPanel key="staff-fulfil" {...panel} /> : null}
      </>
    )
  }
  if (part === 'progress') return owner && c.status === 'published' ? <ProgressPanel {...panel} /> : null
  if (!live) return null
  if (!token) {
    return (
      <ActionPanel title="我来评议" testid="commitment-review">
        <Lead>登录后可以为这项承诺打分、留言。</Lead>
        <Button type="primary" size="large" block onClick={openLogin}>
          登录后评议
        </Button>
      </ActionPanel>
    )
  }
  const kind = reviewKindFor(c, user)
  return kind ? <ReviewPanel {...panel} kind={kind} /> : null
}
