import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect, type ReactNode } from 'react'
import type { Wish } from '@xianfeng/shared'
import { wishesApi } from '../../../api/wishes'
import { useSession } from '../../../auth/session'
import { PhotoGrid } from '../../../components/Photos'
import { Stars, SCORE_WORDS } from '../../../components/Stars'
import { EmptyState, ErrorState, LoadingState } from '../../../components/States'
import { Timeline } from '../../../components/Timeline'
import { useAsync } from '../../../hooks/useAsync'
import { formatDateTime } from '../../../utils/datetime'
import { formatDate, formatPhone } from '../../../utils/format'
import { callPhone } from '../../../utils/nav'
import { Alert } from '../../../components/Alert'
import { ActionLabels, CategoryLabels, StatusLabels, WISH_PAGES, statusTone } from '../labels'
import { WishActions } from './WishActions'
import '../tags.css'
import './index.css'

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="xf-wish__fact">
      <Text className="xf-wish__fact-label">{label}</Text>
      <View className="xf-wish__fact-value">{children}</View>
    </View>
  )
}

/** The wisher's contact: only in answers to the wisher, staff, and the claimer while there is work to do. */
function Contact({ wish }: { wish: Wish }) {
  const w = wish.wisher
  if (!w) return null
  // The wisher reads their own number back; everyone else may call it.
  const mine = wish.viewer.wisher && !wish.viewer.staff
  const title = mine ? '您留下的联系方式' : '心愿人联系方式'
  return (
    <View className="xf-section" data-testid="wisher-contact">
      <View className="xf-section__title">
        <Text>{title}</Text>
      </View>
      <View className="xf-panel xf-wish__contact">
        <Text className="xf-wish__contact-name">{w.name || wish.wisherDisplayName}</Text>
        {w.onBehalf ? <Text className="xf-field__hint">由工作人员代为发布</Text> : null}
        {w.phone && mine ? (
          <Text className="xf-wish__phone">电话 {formatPhone(w.phone)}</Text>
        ) : w.phone ? (
          <View className="xf-wish__call" hoverClass="xf-pressed" onClick={() => callPhone(w.phone!)}>
            <Text>拨打 {formatPhone(w.phone)}</Text>
          </View>
        ) : (
          <Text className="xf-field__hint">没有留电话{wish.viewer.claimer ? '，可以联系社区工作人员' : ''}</Text>
        )}
      </View>
    </View>
  )
}

export default function WishDetailPage() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const { token, user } = useSession()
  const wish = useAsync(async () => (id ? wishesApi.get(id) : null), [id, token])

  useEffect(() => {
    if (wish.data) Taro.setNavigationBarTitle({ title: `${wish.data.title} · 微心愿` }).catch(() => undefined)
  }, [wish.data])
  usePullDownRefresh(() => {
    wish.refresh()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })
  useShareAppMessage(() => ({
    title: wish.data ? `微心愿：${wish.data.title}` : '微心愿',
    path: `${WISH_PAGES.detail}?id=${encodeURIComponent(id)}`,
  }))

  if (!id) return <EmptyState text="没有指定要查看的心愿" hint="请从心愿墙进入。" home />
  if (wish.status === 'loading') return <LoadingState />
  if (wish.status === 'error') return <ErrorState error={wish.error} onRetry={wish.reload} />
  if (!wish.data) return <EmptyState text="没有找到这个心愿" home />

  const w = wish.data
  const history = w.history ?? []
  return (
    <View className="xf-page xf-wish" data-testid="wish-detail">
      <View className="xf-hero">
        <View className="xf-wish__tags">
          <Text className="xf-tag xf-wish__cat">{CategoryLabels[w.category] ?? w.category}</Text>
          <Text className={`xf-tag xf-tag--lg xf-wstatus xf-wstatus--${statusTone(w.status)}`} data-testid="wish-status">
            {StatusLabels[w.status] ?? w.status}
          </Text>
        </View>
        <Text className="xf-wish__title">{w.title}</Text>
        <Text className="xf-wish__sub">{w.orgName}</Text>
      </View>

      <View className="xf-section">
        <View className="xf-panel">
          <Text className="xf-wish__desc">{w.description}</Text>
          <View className="xf-wish__facts">
            <Fact label="心愿人">
              <Text data-testid="wisher-name">{w.wisherDisplayName}</Text>
            </Fact>
            <Fact label="发布时间">
              <Text>{formatDateTime(w.createdAt)}</Text>
            </Fact>
            {w.expiresOn ? (
              <Fact label="认领截止">
                <Text>{formatDate(w.expiresOn)}</Text>
              </Fact>
            ) : null}
            {w.claimant ? (
              <Fact label="认领党员">
                <Text className="xf-wish__claimer">{w.claimant.name}</Text>
              </Fact>
            ) : null}
          </View>
          {w.held?.content ? <Text className="xf-field__hint">心愿内容正在人工复核。</Text> : null}
        </View>
      </View>

      <Alert section>{w.status === 'rejected' && w.rejectReason ? `未通过审核：${w.rejectReason}` : null}</Alert>

      <Contact wish={w} />

      {w.fulfilment ? (
        <View className="xf-section" data-testid="wish-fulfilment">
          <View className="xf-section__title">
            <Text>完成情况</Text>
          </View>
          <View className="xf-panel">
            <Text className="xf-wish__desc">{w.fulfilment.note ?? '完成说明正在审核中'}</Text>
            <PhotoGrid photos={w.fulfilment.photos} />
            <Text className="xf-field__hint">{formatDateTime(w.fulfilment.fulfilledAt)}</Text>
          </View>
        </View>
      ) : null}

      {w.confirmation ? (
        <View className="xf-section" data-testid="wish-confirmation">
          <View className="xf-section__title">
            <Text>心愿人的评价</Text>
          </View>
          <View className="xf-panel">
            {w.confirmation.rating ? (
              <View className="xf-wish__rating">
                <Stars value={w.confirmation.rating} size="lg" />
                <Text className="xf-wish__rating-word">{SCORE_WORDS[w.confirmation.rating]}</Text>
              </View>
            ) : null}
            {w.confirmation.thanks ? <Text className="xf-wish__desc">“{w.confirmation.thanks}”</Text> : null}
            {!w.confirmation.rating && !w.confirmation.thanks ? <Text className="xf-wish__desc">心愿人已确认完成。</Text> : null}
          </View>
        </View>
      ) : null}

      <WishActions wish={w} token={token} user={user} onChanged={wish.setData} onStale={wish.refresh} />

      {history.length > 0 ? (
        <View className="xf-section">
          <View className="xf-section__title">
            <Text>办理进度</Text>
          </View>
          <View className="xf-panel">
            <Timeline
              entries={history.map((e, i) => ({
                key: `${i}-${e.action}`,
                title: ActionLabels[e.action] ?? e.action,
                meta: `${e.actorLabel} · ${formatDateTime(e.at)}`,
                body: e.note ? `原因：${e.note}` : null,
                tone: e.action === 'reject' || e.action === 'expire' || e.action === 'release' ? 'muted' : 'done',
              }))}
            />
          </View>
        </View>
      ) : null}
    </View>
  )
}
