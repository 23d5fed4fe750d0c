import { Image, Text, View } from '@tarojs/components'
import { decodeScene } from '@xianfeng/shared'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useEffect } from 'react'
import { api } from '../../api/client'
import { MemberBadge } from '../../components/MemberBadge'
import { EmptyState, ErrorState, LoadingState } from '../../components/States'
import { useAsync } from '../../hooks/useAsync'
import { openBoard, openMemberReviews, openWishPost } from '../../utils/nav'
import { cardCodeUrl } from '../../platform/card-code'
import { resolveAssetUrl } from '../../api/base'
import './index.css'

export default function CardPage() {
  const router = useRouter()
  // From a link: ?id=…; from a scanned mini-program code: the scene names the member.
  const scene = decodeScene(router.params.scene)
  const id = router.params.id ? decodeURIComponent(router.params.id) : scene?.kind === 'member' ? scene.id : ''
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
      <View className="xf-panel xf-card-page__code" data-testid="card-code">
        <Image className="xf-card-page__code-img" src={resolveAssetUrl(cardCodeUrl(data.id))} mode="aspectFit" showMenuByLongpress />
        <Text className="xf-card-page__code-text">扫码看我的亮身份名片</Text>
      </View>

      <View className="xf-card-page__wish" data-testid="card-wish" hoverClass="xf-pressed" onClick={() => openWishPost(data.orgId)}>
        <Text>有困难？向{data.orgName}许个心愿 ›</Text>
      </View>

      <View className="xf-card-page__board" data-testid="card-reviews" hoverClass="xf-pressed" onClick={() => openMemberReviews(data.id)}>
        <Text>民主评议 ›</Text>
      </View>
    </View>
  )
}
