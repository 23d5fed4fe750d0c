import { Text, View } from '@tarojs/components'
import './LoadMore.css'

interface Props {
  /** Another page exists. */
  hasMore: boolean
  loading: boolean
  error?: string | null
  onMore: () => void
  /** Shown under the last page, e.g. "— 共 12 个心愿 —"; nothing when omitted. */
  endText?: string | null
}

/** The footer of every paged list: 加载更多 while there is more, then the total. */
export function LoadMore({ hasMore, loading, error, onMore, endText }: Props) {
  return (
    <>
      {error ? <Text className="xf-more__error">{error}</Text> : null}
      {hasMore ? (
        <View className={`xf-more ${loading ? 'xf-btn--disabled' : ''}`} hoverClass="xf-pressed" onClick={() => (loading ? undefined : onMore())}>
          <Text>{loading ? '正在加载…' : '加载更多'}</Text>
        </View>
      ) : endText ? (
        <Text className="xf-more__end">{endText}</Text>
      ) : null}
    </>
  )
}
