import { Text, View } from '@tarojs/components'
import { PhotoGrid } from './Photos'
import './Timeline.css'

export interface TimelineEntry {
  key: string
  title: string
  /** Who and when, in small type. */
  meta?: string
  body?: string | null
  photos?: string[]
  /** A finished step is drawn in red, a waiting one in grey. */
  tone?: 'done' | 'muted'
}

/** A vertical line of steps, oldest first. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className="xf-timeline" data-testid="timeline">
      {entries.map((e, i) => (
        <View key={e.key} className={`xf-timeline__item ${e.tone === 'muted' ? 'xf-timeline__item--muted' : ''}`}>
          <View className="xf-timeline__rail">
            <View className="xf-timeline__dot" />
            {i < entries.length - 1 ? <View className="xf-timeline__line" /> : null}
          </View>
          <View className="xf-timeline__content">
            <Text className="xf-timeline__title">{e.title}</Text>
            {e.meta ? <Text className="xf-timeline__meta">{e.meta}</Text> : null}
            {e.body ? <Text className="xf-timeline__body">{e.body}</Text> : null}
            {e.photos && e.photos.length > 0 ? <PhotoGrid photos={e.photos} /> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
