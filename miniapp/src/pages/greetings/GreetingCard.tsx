import { Text, View } from '@tarojs/components'
import type { Greeting } from '@xianfeng/shared'
import { GreetingKindLabels } from '@xianfeng/shared'
import { formatDate } from '../../utils/format'

export const GREETING_TITLES: Record<Greeting['kind'], string> = {
  political_birthday: '政治生日快乐',
  birthday: '生日快乐',
}

export const GREETING_KIND_LABELS = GreetingKindLabels

export function yearsText(g: Pick<Greeting, 'kind' | 'years'>): string {
  return g.kind === 'political_birthday' ? `入党 ${g.years} 周年` : `${g.years} 岁生日`
}

/**
 * One greeting card. Unopened (never read) cards show sealed, with just who it is from; tapping one
 * opens it. `highlight` marks the card a link asked for.
 */
export function GreetingCard({ greeting: g, sealed, highlight, onOpen }: { greeting: Greeting; sealed: boolean; highlight?: boolean; onOpen?: () => void }) {
  const kindClass = g.kind === 'political_birthday' ? 'xf-gcard--political' : 'xf-gcard--birthday'
  if (sealed) {
    return (
      <View
        className={`xf-gcard ${kindClass} xf-gcard--sealed`}
        data-testid="greeting-card"
        data-kind={g.kind}
        hoverClass="xf-pressed"
        onClick={onOpen}
      >
        <View className="xf-gcard__seal">{g.kind === 'political_birthday' ? '★' : '寿'}</View>
        <Text className="xf-gcard__sealed-title">您收到一张{GREETING_KIND_LABELS[g.kind]}贺卡</Text>
        <Text className="xf-gcard__sealed-from">来自 {g.orgName} · {formatDate(g.occasionOn)}</Text>
        <Text className="xf-gcard__sealed-tap">点击打开</Text>
      </View>
    )
  }
  return (
    <View className={`xf-gcard ${kindClass}${highlight ? ' xf-gcard--highlight' : ''}`} data-testid="greeting-card" data-kind={g.kind}>
      <View className="xf-gcard__top">
        <Text className="xf-gcard__kind">{GREETING_KIND_LABELS[g.kind]}</Text>
        <Text className="xf-gcard__years">{yearsText(g)}</Text>
      </View>
      <Text className="xf-gcard__title">{GREETING_TITLES[g.kind]}</Text>
      <Text className="xf-gcard__message">{g.message}</Text>
      <Text className="xf-gcard__sign">—— {g.orgName}</Text>
      <Text className="xf-gcard__date">{formatDate(g.occasionOn)}</Text>
    </View>
  )
}
