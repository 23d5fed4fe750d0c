import { Text, View } from '@tarojs/components'
import type { MemberCard } from '@xianfeng/shared'
import { callPhone, openBoard } from '../utils/nav'
import { formatDate, formatPhone, partyYearsText, postKindLabel } from '../utils/format'
import { Avatar } from './Avatar'
import './MemberBadge.css'

/** The public identity card (亮身份), drawn as a badge a resident can read at arm's length. */
export function MemberBadge({ card }: { card: MemberCard }) {
  const kind = postKindLabel(card.postKind)
  return (
    <View className="xf-badge" data-testid="member-badge">
      <View className="xf-badge__band">
        <Text className="xf-badge__band-title">共产党员</Text>
        <Text className="xf-badge__band-sub">亮身份 · 亮职责 · 亮承诺</Text>
      </View>
      <View className="xf-badge__photo">
        <Avatar name={card.name} photoUrl={card.photoUrl} size="lg" />
      </View>
      <Text className="xf-badge__name">{card.name}</Text>
      <View className="xf-badge__tags">
        {kind ? <Text className="xf-tag xf-tag--red xf-tag--lg">{kind}</Text> : null}
      </View>
      {card.postTitle ? <Text className="xf-badge__post">{card.postTitle}</Text> : null}

      <View className="xf-badge__rows">
        <View className="xf-badge__row">
          <Text className="xf-badge__label">所在组织</Text>
          <Text className="xf-badge__value xf-badge__link" onClick={() => openBoard(card.orgId)}>
            {card.orgName}
          </Text>
        </View>
        <View className="xf-badge__row">
          <Text className="xf-badge__label">入党时间</Text>
          <Text className="xf-badge__value">{formatDate(card.joinedPartyOn)}</Text>
        </View>
        <View className="xf-badge__row">
          <Text className="xf-badge__label">党龄</Text>
          <Text className="xf-badge__value">{partyYearsText(card.partyYears).replace('党龄 ', '')}</Text>
        </View>
        {card.phone ? (
          <View className="xf-badge__row">
            <Text className="xf-badge__label">联系电话</Text>
            <Text className="xf-badge__value">{formatPhone(card.phone)}</Text>
          </View>
        ) : null}
      </View>

      <View className="xf-badge__duties">
        <Text className="xf-badge__duties-title">岗位职责</Text>
        <Text className="xf-badge__duties-text">{card.duties || '暂未填写'}</Text>
      </View>

      {card.phone ? (
        <View className="xf-badge__call" hoverClass="xf-pressed" onClick={() => callPhone(card.phone!)}>
          <Text>一键拨打 {formatPhone(card.phone)}</Text>
        </View>
      ) : null}
    </View>
  )
}
