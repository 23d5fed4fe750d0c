import { Text, View } from '@tarojs/components'
import type { MemberCard } from '@xianfeng/shared'
import { callPhone } from '../utils/nav'
import { formatPhone, partyYearsText, postKindLabel } from '../utils/format'
import { Avatar } from './Avatar'
import './MemberCardItem.css'

interface Props {
  card: MemberCard
  onOpen?: (card: MemberCard) => void
  /** The wall's organisation: a card from a sub-organisation says which one it belongs to. */
  wallOrgId?: string
}

/** One member on the 亮岗 wall: only the public card's fields, the phone only when it was shared. */
export function MemberCardItem({ card, onOpen, wallOrgId }: Props) {
  const kind = postKindLabel(card.postKind)
  return (
    <View className="xf-mcard" onClick={() => onOpen?.(card)} hoverClass="xf-pressed" data-testid="member-card">
      <Avatar name={card.name} photoUrl={card.photoUrl} />
      <View className="xf-mcard__body">
        <View className="xf-mcard__head">
          <Text className="xf-mcard__name">{card.name}</Text>
          {kind ? <Text className="xf-tag xf-tag--red">{kind}</Text> : null}
        </View>
        {card.postTitle ? <Text className="xf-mcard__title">{card.postTitle}</Text> : null}
        {card.duties ? <Text className="xf-mcard__duties">{card.duties}</Text> : null}
        <View className="xf-mcard__foot">
          <Text className="xf-mcard__years">
            {partyYearsText(card.partyYears)}
            {wallOrgId && card.orgId !== wallOrgId ? ` · ${card.orgName}` : ''}
          </Text>
          {card.phone ? (
            <View
              className="xf-mcard__phone"
              hoverClass="xf-pressed"
              onClick={(e) => {
                e.stopPropagation()
                callPhone(card.phone!)
              }}
            >
              <Text>拨打 {formatPhone(card.phone)}</Text>
            </View>
          ) : null}
        </View>
      </View>
    </View>
  )
}
