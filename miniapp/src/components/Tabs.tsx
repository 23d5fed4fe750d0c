import { Text, View } from '@tarojs/components'
import './Tabs.css'

export interface TabItem<K extends string> {
  key: K
  label: string
}

/** The main filter of a list page: a row of equal tabs, the chosen one underlined in red. */
export function Tabs<K extends string>({ items, value, onChange }: { items: Array<TabItem<K>>; value: K | null; onChange: (k: K) => void }) {
  return (
    <View className="xf-tabs" role="tablist">
      {items.map((t) => (
        <View
          key={t.key}
          className={`xf-tabs__tab ${t.key === value ? 'xf-tabs__tab--on' : ''}`}
          role="tab"
          aria-selected={t.key === value}
          onClick={() => onChange(t.key)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** Secondary filters (我的, 待审核): rounded chips under the tabs. */
export function Chips<K extends string>({ items, value, onChange }: { items: Array<TabItem<K>>; value: K | null; onChange: (k: K) => void }) {
  if (items.length === 0) return null
  return (
    <View className="xf-chips">
      {items.map((t) => (
        <View
          key={t.key}
          className={`xf-chips__chip ${t.key === value ? 'xf-chips__chip--on' : ''}`}
          role="tab"
          aria-selected={t.key === value}
          hoverClass="xf-pressed"
          onClick={() => onChange(t.key)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  )
}
