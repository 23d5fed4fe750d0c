import { Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect } from 'react'
import { api } from '../../api/client'
import { MemberBadge } from '../../components/MemberBadge'
import { EmptyState, ErrorState, LoadingState } from '../../components/States'
import { useAsync } from '../../hooks/useAsync'
import { openBoard, openWishPost } from '../../utils/nav'
import './index.css'

export default function CardPage() {
  const router = useRouter()
  const id = router.params.id ? decodeURIComponent(router.params.id) : ''
  const card = useAsync(async () => (id ? api.memberCard(id) : null), [id])

  useEffect(() => {
    if (card.data) Taro.setNavigationBarTitle({ title: `${card.data.name} · 党员名片` }).catch(() => undefined)
  }, [card.data])

  useShareAppMessage(() => ({
    title: card.data ? `${card.data.name} · ${card.data.orgName}` : '党员名片',
    path: `/pages/card/index?id=${encodeURIComponent(id)}`,
  }))

  if (!id) return <EmptyState text="没有指定要查看的党员" hint="请从亮岗墙或名片二维码进入。" />
  if (card.status === 'loading') return <LoadingState />
  if (card.status === 'error') return <ErrorState error={card.error} onRetry={card.reload} />
  if (!card.data) return <EmptyState text="没有找到这张名片" home />

  const data = card.data
  return (
    <View className="xf-page xf-card-page">
      <MemberBadge card={data} />
      <View className="xf-card-page__board" hoverClass="xf-pressed" onClick={() => openBoard(data.orgId)}>
        <Text>查看{data.orgName}亮岗墙 ›</Text>
      </View>
      <View className="xf-card-page__wish" data-testid="card-wish" hoverClass="xf-pressed" onClick={() => openWishPost(data.orgId)}>
        <Text>有困难？向{data.orgName}许个心愿 ›</Text>
      </View>
    </View>
  )
}
