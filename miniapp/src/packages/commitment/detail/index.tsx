import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect, type ReactNode } from 'react'
import type { Commitment } from '@xianfeng/shared'
import { ReviewKinds } from '@xianfeng/shared'
import { commitmentsApi } from '../../../api/commitments'
import { useSession } from '../../../auth/session'
import { Stars } from '../../../components/Stars'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { Timeline, type TimelineEntry } from '../../../components/Timeline'
import { useAsync } from '../../../hooks/useAsync'
import { formatDateTime } from '../../../utils/datetime'
import { formatDate } from '../../../utils/format'
import { Alert } from '../../../components/Alert'
import { COMMITMENT_PAGES, ReviewKindLabels, StatusLabels, statusTone } from '../labels'
import { CommitmentActions } from './CommitmentActions'
import '../tags.css'
import './index.css'

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="xf-cdetail__fact">
      <Text className="xf-cdetail__fact-label">{label}</Text>
      <View className="xf-cdetail__fact-value">{children}</View>
    </View>
  )
}

/** The milestones and the owner's progress reports, oldest first. */
function progressEntries(c: Commitment): TimelineEntry[] {
  const entries: Array<TimelineEntry & { at: string }> = []
  if (c.publishedAt) entries.push({ key: 'published', at: c.publishedAt, title: '审核通过，承诺公开', meta: formatDateTime(c.publishedAt) })
  for (const p of c.progress) {
    entries.push({
      key: p.id,
      at: p.createdAt,
      title: '践诺进展',
      meta: `${formatDateTime(p.createdAt)}${p.contentHeld ? ' · 内容审核中，仅本人和工作人员可见' : ''}`,
      body: p.text,
      photos: p.photos,
    })
  }
  if (c.fulfilledAt) entries.push({ key: 'fulfilled', at: c.fulfilledAt, title: '党组织确认践诺', meta: formatDateTime(c.fulfilledAt) })
  return entries.sort((a, b) => a.at.localeCompare(b.at))
}

export default function CommitmentDetailPage() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const { token, user } = useSession()
  const item = useAsync(async () => (id ? commitmentsApi.get(id) : null), [id, token])

  useEffect(() => {
    if (item.data) Taro.setNavigationBarTitle({ title: `${item.data.title} · 承诺` }).catch(() => undefined)
  }, [item.data])
  // Back from editing a draft.
  useDidShow(() => {
    if (item.status === 'success') item.refresh()
  })
  usePullDownRefresh(() => {
    item.refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useShareAppMessage(() => ({
    title: item.data ? `承诺：${item.data.title}` : '亮承诺',
    path: `${COMMITMENT_PAGES.detail}?id=${encodeURIComponent(id)}`,
  }))

  if (!id) return <EmptyState text="没有指定要查看的承诺" hint="请从承诺列表进入。" home />
  if (item.status === 'loading') return <LoadingState />
  if (item.status === 'error') return <ErrorState error={item.error} onRetry={item.reload} />
  if (!item.data) return <EmptyState text="没有找到这项承诺" home />

  const c = item.data
  const actionProps = { c, token, user, onChanged: item.setData, onStale: item.refresh }
  const timeline = progressEntries(c)
  const done = c.status === 'fulfilled'

  return (
    <View className="xf-page xf-cdetail" data-testid="commitment-detail">
      <View className="xf-hero">
        <View className="xf-cdetail__tags">
          <Text className="xf-tag xf-cdetail__kind">{c.ownerType === 'branch' ? '支部承诺' : '党员承诺'}</Text>
          <Text className={`xf-tag xf-tag--lg xf-cstatus--${statusTone(c.status)}`} data-testid="commitment-status">
            {StatusLabels[c.status] ?? c.status}
          </Text>
          {c.overdue ? <Text className="xf-tag xf-tag--lg xf-overdue">逾期</Text> : null}
        </View>
        <Text className="xf-cdetail__title">{c.title}</Text>
        <Text className="xf-cdetail__owner">{c.ownerType === 'branch' ? c.ownerName : `承诺人：${c.ownerName} · ${c.orgName}`}</Text>
      </View>

      <Alert section>{c.status === 'draft' && c.returnReason ? `党组织退回了这项承诺：${c.returnReason}` : null}</Alert>
      <Alert section role="status">
        {c.contentHeld ? '内容正在人工复核，复核通过前只有承诺人和工作人员能看到。' : null}
      </Alert>

      <View className="xf-section">
        <View className="xf-section__title">
          <Text>承诺内容</Text>
        </View>
        <View className="xf-panel">
          <Text className="xf-cdetail__content">{c.content}</Text>
          <View className="xf-cdetail__items" data-testid="commitment-items">
            {c.items.map((it, i) => (
              <View key={i} className="xf-cdetail__item">
                <Text className={`xf-cdetail__check ${done ? 'xf-cdetail__check--done' : ''}`}>{done ? '✓' : ''}</Text>
                <Text className="xf-cdetail__item-text">{it}</Text>
              </View>
            ))}
          </View>
          <View className="xf-cdetail__facts">
            <Fact label="完成期限">
              <Text className={c.overdue ? 'xf-cdetail__late' : ''}>{formatDate(c.dueOn)}</Text>
            </Fact>
            {c.publishedAt ? (
              <Fact label="公开时间">
                <Text>{formatDateTime(c.publishedAt)}</Text>
              </Fact>
            ) : null}
          </View>
        </View>
      </View>

      <CommitmentActions part="manage" {...actionProps} />

      {c.status === 'published' || c.status === 'fulfilled' ? (
        <View className="xf-section">
          <View className="xf-section__title">
            <Text>践诺进展</Text>
          </View>
          <View className="xf-panel">
            {timeline.length > 0 ? <Timeline entries={timeline} /> : <Text className="xf-cdetail__none">还没有进展报告</Text>}
          </View>
        </View>
      ) : null}
      <CommitmentActions part="progress" {...actionProps} />

      {c.status === 'published' || c.status === 'fulfilled' ? (
        <View className="xf-section" data-testid="commitment-reviews">
          <View className="xf-section__title">
            <Text>评诺</Text>
          </View>
          <View className="xf-cdetail__summary">
            {ReviewKinds.map((k) => {
              const s = c.reviewSummary[k]
              return (
                <View key={k} className="xf-cdetail__sum" data-testid={`summary-${k}`}>
                  <Text className="xf-cdetail__sum-label">{ReviewKindLabels[k]}</Text>
                  <Text className="xf-cdetail__sum-num">{s.average != null ? s.average.toFixed(1) : '—'}</Text>
                  <Stars value={s.average} size="sm" />
                  <Text className="xf-cdetail__sum-count">{s.count} 条</Text>
                </View>
              )
            })}
          </View>
          {c.reviews.length === 0 ? (
            <View className="xf-panel">
              <Text className="xf-cdetail__none">还没有评价</Text>
            </View>
          ) : (
            <View className="xf-panel xf-cdetail__reviews">
              {c.reviews.map((r, i) => (
                <View key={`${r.createdAt}-${i}`} className="xf-cdetail__review" data-testid="review">
                  <View className="xf-cdetail__review-head">
                    <Text className="xf-tag xf-tag--plain">{ReviewKindLabels[r.kind]}</Text>
                    <Stars value={r.score} size="sm" />
                    <Text className="xf-cdetail__review-score">{r.score} 分</Text>
                    {r.mine ? <Text className="xf-cdetail__mine">我的评价</Text> : null}
                  </View>
                  {r.comment ? <Text className="xf-cdetail__review-text">{r.comment}</Text> : r.contentHeld ? <Text className="xf-cdetail__none">评语审核中</Text> : null}
                  <Text className="xf-cdetail__review-date">{formatDateTime(r.createdAt)}</Text>
                </View>
              ))}
            </View>
          )}
        </View>
      ) : null}
      <CommitmentActions part="review" {...actionProps} />
    </View>
  )
}
