import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState, type ReactNode } from 'react'
import type { Commitment, ReviewKind, User } from '@xianfeng/shared'
import { COMMITMENT_LIMITS } from '@xianfeng/shared'
import { ApiError } from '../../../api/errors'
import { commitmentsApi, describeCommitmentError } from '../../../api/commitments'
import { PhotoPicker } from '../../../components/Photos'
import { StarInput } from '../../../components/Stars'
import { openLogin } from '../../../utils/nav'
import { COMMITMENT_PAGES, ReviewKindLabels } from '../labels'

export interface Roles {
  /** Staff of the commitment's organisation or above (null while it is being worked out). */
  staff: boolean | null
  /** The member whose commitment it is. */
  ownMember: boolean
}

/** The kind of review the caller would write: staff → 组织点评, a member of the same organisation → 党员互评, anyone else → 群众评议. */
export function reviewKindFor(c: Pick<Commitment, 'orgId'>, user: User | null, roles: Roles): ReviewKind | null {
  if (!user || roles.ownMember || roles.staff === null) return null
  if (roles.staff) return 'org'
  if (user.member && user.member.orgId === c.orgId) return 'peer'
  return 'public'
}

interface Props {
  /** Which actions this block offers: the lifecycle (owner and staff), progress reports, or reviews. */
  part: 'manage' | 'progress' | 'review'
  c: Commitment
  token: string | null
  user: User | null
  roles: Roles
  onChanged: (c: Commitment) => void
  onStale: () => void
}

function Panel({ title, error, children, testid }: { title: string; error: string | null; children: ReactNode; testid: string }) {
  return (
    <View className="xf-section" data-testid={testid}>
      <View className="xf-section__title">
        <Text>{title}</Text>
      </View>
      <View className="xf-panel">
        {error ? (
          <View className="xf-alert" role="alert">
            {error}
          </View>
        ) : null}
        {children}
      </View>
    </View>
  )
}

/**
 * What the caller may do now: the owner submits, withdraws and reports progress; staff approve,
 * send back and mark fulfilled; anyone else eligible reviews (one review per kind).
 */
export function CommitmentActions({ part, c, token, user, roles, onChanged, onStale }: Props) {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<{ where: string; text: string } | null>(null)
  const [returning, setReturning] = useState(false)
  const [reason, setReason] = useState('')
  const [progress, setProgress] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')

  const run = async (where: string, name: string, call: () => Promise<Commitment>, done: string, after?: () => void) => {
    if (busy) return
    setBusy(name)
    setError(null)
    try {
      const next = await call()
      Taro.showToast({ title: done, icon: 'success' })
      after?.()
      onChanged(next)
    } catch (e) {
      setError({ where, text: describeCommitmentError(e) })
      if (e instanceof ApiError && (e.code === 'INVALID_STATE_TRANSITION' || e.code === 'ALREADY_REVIEWED')) onStale()
    } finally {
      setBusy(null)
    }
  }
  const confirmFirst = async (title: string, content: string) =>
    (await Taro.showModal({ title, content, confirmColor: '#c8102e' }).catch(() => ({ confirm: false }))).confirm
  const errorOf = (where: string) => (error?.where === where ? error.text : null)

  const owner = roles.ownMember || (c.ownerType === 'branch' && roles.staff === true)
  const panels: ReactNode[] = []

  // The owner.
  if (part === 'manage' && owner && c.status === 'draft') {
    panels.push(
      <Panel key="owner" title="我的承诺" error={errorOf('owner')} testid="commitment-owner">
        <Text className="xf-cdetail__lead">这是草稿，只有您和党组织能看到。提交后由党组织审核，通过后公开。</Text>
        <Button type="primary" size="large" block loading={busy === 'submit'} onClick={() => run('owner', 'submit', () => commitmentsApi.submit(c.id), '已提交审核')}>
          提交审核
        </Button>
        <View className="xf-cdetail__links">
          <Text className="xf-cdetail__link" onClick={() => Taro.navigateTo({ url: `${COMMITMENT_PAGES.create}?id=${encodeURIComponent(c.id)}` })}>
            修改内容
          </Text>
          <Text
            className="xf-cdetail__link xf-cdetail__link--muted"
            onClick={async () => {
              if (await confirmFirst('撤回承诺', '撤回后这项承诺不再办理，确定撤回吗？')) await run('owner', 'withdraw', () => commitmentsApi.withdraw(c.id), '已撤回')
            }}
          >
            撤回承诺
          </Text>
        </View>
      </Panel>,
    )
  }
  if (part === 'manage' && owner && c.status === 'pending_review' && !roles.staff) {
    panels.push(
      <Panel key="owner" title="我的承诺" error={errorOf('owner')} testid="commitment-owner">
        <Text className="xf-cdetail__lead">已提交，正在等待党组织审核。</Text>
        <View className="xf-cdetail__links">
          <Text
            className="xf-cdetail__link xf-cdetail__link--muted"
            onClick={async () => {
              if (await confirmFirst('撤回承诺', '撤回后这项承诺不再办理，确定撤回吗？')) await run('owner', 'withdraw', () => commitmentsApi.withdraw(c.id), '已撤回')
            }}
          >
            撤回承诺
          </Text>
        </View>
      </Panel>,
    )
  }
  if (part === 'progress' && owner && c.status === 'published') {
    panels.push(
      <Panel key="progress" title="报告践诺进展" error={errorOf('progress')} testid="commitment-progress-form">
        <View className="xf-field">
          <TextArea
            className="xf-cdetail__textarea"
            value={progress}
            maxLength={COMMITMENT_LIMITS.progressTextMax}
            showCount
            placeholder="这段时间做了什么？例如：本周为 3 位老人送菜上门"
            onChange={setProgress}
          />
        </View>
        <View className="xf-field">
          <Text className="xf-field__label">照片（选填，最多 9 张）</Text>
          <PhotoPicker photos={photos} onChange={setPhotos} max={COMMITMENT_LIMITS.progressPhotosMax} />
        </View>
        <Button
          type="primary"
          size="large"
          block
          loading={busy === 'progress'}
          disabled={!progress.trim()}
          onClick={() =>
            run('progress', 'progress', () => commitmentsApi.addProgress(c.id, { text: progress.trim(), ...(photos.length ? { photos } : {}) }), '已发布进展', () => {
              setProgress('')
              setPhotos([])
            })
          }
        >
          发布进展
        </Button>
      </Panel>,
    )
  }

  // Staff.
  if (part === 'manage' && roles.staff && c.status === 'pending_review') {
    panels.push(
      <Panel key="staff" title="审核承诺" error={errorOf('staff')} testid="commitment-review-staff">
        {returning ? (
          <View className="xf-field">
            <Text className="xf-field__label">退回原因</Text>
            <TextArea
              className="xf-cdetail__textarea"
              value={reason}
              maxLength={COMMITMENT_LIMITS.returnReasonMax}
              showCount
              placeholder="请写明需要修改的地方，承诺人会看到"
              onChange={setReason}
            />
            <View className="xf-cdetail__row">
              <Button className="xf-cdetail__half" type="primary" fill="outline" size="large" onClick={() => setReturning(false)}>
                取消
              </Button>
              <Button
                className="xf-cdetail__half"
                type="primary"
                size="large"
                disabled={!reason.trim()}
                loading={busy === 'return'}
                onClick={() => run('staff', 'return', () => commitmentsApi.sendBack(c.id, reason.trim()), '已退回')}
              >
                确认退回
              </Button>
            </View>
          </View>
        ) : (
          <>
            <Text className="xf-cdetail__lead">审核通过后承诺会公开，群众可以查看和评议。</Text>
            <View className="xf-cdetail__row">
              <Button className="xf-cdetail__half" type="primary" fill="outline" size="large" onClick={() => setReturning(true)}>
                退回修改
              </Button>
              <Button className="xf-cdetail__half" type="primary" size="large" loading={busy === 'approve'} onClick={() => run('staff', 'approve', () => commitmentsApi.approve(c.id), '已通过')}>
                审核通过
              </Button>
            </View>
          </>
        )}
      </Panel>,
    )
  }
  if (part === 'manage' && roles.staff && c.status === 'published') {
    panels.push(
      <Panel key="staff" title="践诺确认" error={errorOf('staff')} testid="commitment-fulfil">
        <Text className="xf-cdetail__lead">承诺的事项都办到后，由党组织确认践诺。</Text>
        <Button
          type="primary"
          size="large"
          block
          loading={busy === 'fulfil'}
          onClick={async () => {
            if (await confirmFirst('确认践诺', `确认“${c.title}”已经兑现吗？`)) await run('staff', 'fulfil', () => commitmentsApi.fulfil(c.id), '已确认践诺')
          }}
        >
          确认践诺
        </Button>
      </Panel>,
    )
  }

  // 评诺.
  if (part === 'review' && (c.status === 'published' || c.status === 'fulfilled')) {
    if (!token) {
      panels.push(
        <Panel key="review" title="我来评议" error={null} testid="commitment-review">
          <Text className="xf-cdetail__lead">登录后可以为这项承诺打分、留言。</Text>
          <Button type="primary" size="large" block onClick={openLogin}>
            登录后评议
          </Button>
        </Panel>,
      )
    } else {
      const kind = reviewKindFor(c, user, roles)
      if (kind) {
        const label = ReviewKindLabels[kind]
        const done = c.reviews.some((r) => r.mine && r.kind === kind)
        panels.push(
          <Panel key="review" title={label} error={errorOf('review')} testid="commitment-review">
            {done ? (
              <Text className="xf-cdetail__lead">您已提交{label}，谢谢您的评价！</Text>
            ) : (
              <>
                <View className="xf-field">
                  <Text className="xf-field__label">打分</Text>
                  <StarInput value={score} onChange={setScore} />
                </View>
                <View className="xf-field">
                  <Text className="xf-field__label">留言（选填）</Text>
                  <TextArea
                    className="xf-cdetail__textarea"
                    value={comment}
                    maxLength={COMMITMENT_LIMITS.reviewCommentMax}
                    showCount
                    placeholder="说说您看到的践诺情况"
                    onChange={setComment}
                  />
                </View>
                <Button
                  type="primary"
                  size="large"
                  block
                  disabled={!score}
                  loading={busy === 'review'}
                  onClick={() =>
                    run('review', 'review', () => commitmentsApi.review(c.id, { kind, score, ...(comment.trim() ? { comment: comment.trim() } : {}) }), '评价成功', () => {
                      setScore(0)
                      setComment('')
                    })
                  }
                >
                  提交{label}
                </Button>
              </>
            )}
          </Panel>,
        )
      }
    }
  }

  return <>{panels}</>
}
