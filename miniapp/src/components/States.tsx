import { Text, View } from '@tarojs/components'
import { describeError } from '../api/errors'
import './States.css'

export function LoadingState({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="xf-state xf-state--loading" role="status">
      <View className="xf-state__spinner" />
      <Text className="xf-state__text">{text}</Text>
    </View>
  )
}

export function EmptyState({ text, hint }: { text: string; hint?: string }) {
  return (
    <View className="xf-state xf-state--empty">
      <View className="xf-state__icon">空</View>
      <Text className="xf-state__text">{text}</Text>
      {hint ? <Text className="xf-state__hint">{hint}</Text> : null}
    </View>
  )
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View className="xf-state xf-state--error" role="alert">
      <View className="xf-state__icon xf-state__icon--error">!</View>
      <Text className="xf-state__text">{describeError(error)}</Text>
      {onRetry ? (
        <View className="xf-state__retry" onClick={onRetry} hoverClass="xf-pressed">
          重新加载
        </View>
      ) : null}
    </View>
  )
}
