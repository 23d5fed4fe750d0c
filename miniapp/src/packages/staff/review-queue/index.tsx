import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  Limits,
  Pages,
  pageUrl,
  ReviewActionDoneLabels,
  ReviewActionLabels,
  ReviewItemKindLabels,
  ReviewItemKinds,
  type ReviewAction,
  type ReviewItem,
  type ReviewItemKind,
} from '@xianfeng/shared'
import { describeError } from '../../../api/errors'
import { needsReason, workbenchApi } from '../../../api/workbench'
import { useSession } from '../../../auth/session'
import { Alert } from '../../../components/Alert'
import { LoadMore } from '../../../components/LoadMore'
import { ReasonForm } from '../../../components/ReasonForm'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { useAsync } from '../../../hooks/useAsync'
import { useMorePages } from '../../../hooks/useMorePages'
import { formatDateTime } from '../../../utils/datetime'
import { pageOrg } from '../../../utils/staff'
import { OrgHeader } from '../OrgHeader'
import '../staff.css'
import './index.css'

const REASON_LABELS: Record<ReviewItem['reason'], string> = { pending_review: '待审核', content_held: '内容待复核' }
/** Where a title leads: the item's own page; a held photo has none (tapping it opens the photo). */
const DETAIL: Partial<Record<ReviewItemKind, typeof Pages.wishDetail | typeof Pages.commitmentDetail>> = { wish: Pages.wishDetail, commitment: Pages.commitmentDetail }
const CONFIRM: Partial<Record<ReviewAction, { title: string; content: (i: ReviewItem) => string }>> = {
  approve: { title: '审核通过', content: (i) => (i.kind === 'photo' ? '通过这张照片？通过后将公开显示。' : `通过“${i.title}”？通过后将公开显示。`) },
  remove: { title: '移除照片', content: () => '移除这张照片？它将从公开页面撤下，上传者会收到通知。' },
}

/** Look at a held photo full-screen (through its signed URL). */
const preview = (url: string) => Taro.previewImage({ urls: [url], current: url }).catch(() => undefined)


/**
 * 待审核: everything waiting for staff in the organisation and its subtree — wishes and commitments
 * to review, texts and photos held by WeChat's checks — approvable or returnable right here. Each button calls
 * the feature's own route; a handled item leaves the list and the counts drop.
 */
export default function ReviewQueuePage() {
  const router = useRouter()
  const { user } = useSession()
  const org = pageOrg(user, router.params.orgId)
  const orgId = org?.id ?? null
  const first = useAsync(async () => (orgId ? workbenchApi.reviewQueue(orgId) : null), [orgId])
  const list = useMorePages(first.data, (cursor) => workbenchApi.reviewQueue(orgId!, cursor))
  const [done, setDone] = useState<string[]>([])
  const [asking, setAsking] = useState<{ key: string; action: ReviewAction } | null>(null)
  const action = useAction<unknown>({ describe: describeError, staleCodes: ['INVALID_STATE_TRANSITION', 'NOT_FOUND'], onStale: () => first.refresh() })

  useDidShow(() => {
    if (first.status === 'success') first.refresh()
  })
  usePullDownRefresh(() => {
    setDone([])
    first.refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 300)
  })

  if (!org || !orgId) return <EmptyState text="您还不是党务工作者" />

  const keyOf = (i: ReviewItem) => `${i.kind}:${i.id}:${i.reason}`
  const items = list.items.filter((i) => !done.includes(keyOf(i)))
  const counts = first.data?.counts
  const handled = (kind: ReviewItemKind) => list.items.filter((i) => i.kind === kind && done.includes(keyOf(i))).length
  const total = counts ? Math.max(0, counts.total - done.length) : 0

  const run = (item: ReviewItem, a: ReviewAction, reason?: string) =>
    action.run(`${keyOf(item)}:${a}`, () => workbenchApi.act(item, a, reason), {
      done: ReviewActionDoneLabels[a],
      confirm: CONFIRM[a] ? { title: CONFIRM[a].title, content: CONFIRM[a].content(item) } : undefined,
      after: () => {
        setAsking(null)
        setDone((d) => [...d, keyOf(item)])
      },
    })

  return (
    <View className="xf-page xf-staff xf-queue">
      <OrgHeader org={org} label="待审核" />

      {counts ? (
        <View className="xf-section xf-queue__counts" data-testid="queue-counts">
          <View className="xf-queue__count xf-queue__count--total">
            <Text className="xf-queue__count-n" data-testid="queue-total">{total}</Text>
            <Text className="xf-queue__count-label">件待处理</Text>
          </View>
          {ReviewItemKinds.map((k) => (
            <View key={k} className="xf-queue__count" data-testid={`queue-count-${k}`}>
              <Text className="xf-queue__count-n">{Math.max(0, (counts.byKind[k] ?? 0) - handled(k))}</Text>
              <Text className="xf-queue__count-label">{ReviewItemKindLabels[k]}</Text>
            </View>
          ))}
        </View>
      ) : null}

      <Alert section>{action.error}</Alert>

      <View className="xf-section">
        {first.status === 'loading' ? <LoadingState /> : null}
        {first.status === 'error' ? <ErrorState error={first.error} onRetry={first.reload} /> : null}
        {first.status === 'success' && items.length === 0 ? <EmptyState text="没有待处理的事项" hint="新提交的心愿、承诺和待复核的照片会出现在这里。" /> : null}
        {items.map((item) => {
          const key = keyOf(item)
          return (
            <View key={key} className="xf-panel xf-queue__item" data-testid="queue-item" data-kind={item.kind}>
              <View className="xf-queue__tags">
                <Text className="xf-tag xf-tag--plain">{ReviewItemKindLabels[item.kind]}</Text>
                <Text className={`xf-tag ${item.reason === 'content_held' ? 'xf-tag--gold' : 'xf-tag--red'}`}>{REASON_LABELS[item.reason]}</Text>
              </View>
              <Text
                className="xf-queue__title"
                onClick={() => {
                  const detail = DETAIL[item.kind]
                  if (detail) Taro.navigateTo({ url: pageUrl(detail, { id: item.id }) })
                  else if (item.imageUrl) preview(item.imageUrl)
                }}
              >
                {item.title}
              </Text>
              {item.imageUrl ? (
                <Image
                  className="xf-queue__photo"
                  src={item.imageUrl}
                  mode="aspectFill"
                  lazyLoad
                  data-testid="queue-photo"
                  onClick={() => preview(item.imageUrl!)}
                />
              ) : null}
              {item.excerpt ? <Text className="xf-queue__excerpt">{item.excerpt}</Text> : null}
              <Text className="xf-queue__meta">
                {item.orgName} · {formatDateTime(item.waitingSince)}
              </Text>
              {asking?.key === key ? (
                <ReasonForm
                  label={asking.action === 'reject' ? '不通过的原因' : '退回的原因'}
                  placeholder="对方会看到这段话，请写明需要修改的地方"
                  maxLength={asking.action === 'reject' ? Limits.wish.rejectReason : Limits.commitment.returnReasonMax}
                  submitText={asking.action === 'reject' ? '确认不通过' : '确认退回'}
                  busy={action.busy === `${key}:${asking.action}`}
                  onCancel={() => setAsking(null)}
                  onSubmit={(reason) => run(item, asking.action, reason)}
                />
              ) : (
                <View className="xf-queue__actions">
                  {item.actions.map((a) => (
                    <View
                      key={a}
                      className={`xf-btn xf-btn--sm ${a === 'approve' || a === 'clear_held' ? '' : 'xf-btn--ghost'} ${action.busy ? 'xf-btn--disabled' : ''}`}
                      hoverClass="xf-pressed"
                      data-testid={`queue-${a}`}
                      onClick={() => (needsReason(a) ? setAsking({ key, action: a }) : run(item, a))}
                    >
                      {action.busy === `${key}:${a}` ? '处理中…' : ReviewActionLabels[a]}
                    </View>
                  ))}
                </View>
              )}
            </View>
          )
        })}
        {first.status === 'success' && items.length > 0 ? (
          <LoadMore hasMore={!!list.more.cursor} loading={list.more.loading} error={list.more.error} onMore={list.loadMore} endText="— 以上为全部待处理事项 —" />
        ) : null}
      </View>
    </View>
  )
}
