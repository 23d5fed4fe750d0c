import { Text, View } from '@tarojs/components'
import type { Wish } from '@xianfeng/shared'
import { CategoryLabels, StatusLabels, statusTone } from '../labels'
import '../tags.css'
import './WishCard.css'

/** One wish on the wall: what is wished, by whom (masked), and where it stands. */
export function WishCard({ wish, onOpen }: { wish: Wish; onOpen: (w: Wish) => void }) {
  return (
    <View className="xf-wcard" data-testid="wish-card" hoverClass="xf-pressed" onClick={() => onOpen(wish)}>
      <View className="xf-wcard__head">
        <Text className="xf-tag xf-tag--plain">{CategoryLabels[wish.category] ?? wish.category}</Text>
        <Text className={`xf-tag xf-wstatus xf-wstatus--${statusTone(wish.status)}`}>{StatusLabels[wish.status] ?? wish.status}</Text>
      </View>
      <Text className="xf-wcard__title">{wish.title}</Text>
      <Text className="xf-wcard__desc">{wish.description}</Text>
      <View className="xf-wcard__foot">
        <Text className="xf-wcard__who">心愿人 {wish.wisherDisplayName}</Text>
        {wish.claimant ? <Text className="xf-wcard__claimer">认领：党员 {wish.claimant.name}</Text> : <Text className="xf-wcard__org">{wish.orgName}</Text>}
      </View>
    </View>
  )
}
