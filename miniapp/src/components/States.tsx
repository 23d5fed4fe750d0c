import { Text, View } from '@tarojs/components'
import { ApiError, describeError } from '../api/errors'
import { goHome } from '../utils/nav'
import './States.css'

/** 返回首页: where a missing record or an unknown link leaves nothing to go back to. */
function HomeButton() {
  return (
    <View className="xf-state__retry xf-state__home" data-testid="go-home" onClick={goHome} hoverClass="xf-pressed">
      返回首页
    </View>
  )
}

export function LoadingState({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="xf-state xf-state--loading" role="status">
      <View className="xf-state__spinner" />
      <Text className="xf-state__text">{text}</Text>
    </View>
  )
}

/** `home`: offer 返回首页 (a page opened from a link, with what it should show missing). */
export function EmptyState({ text, hint, home = false }: { text: string; hint?: string; home?: boolean }) {
  return (
    <View className="xf-state xf-state--empty">
      <View className="xf-state__icon">空</View>
      <Text className="xf-state__text">{text}</Text>
      {hint ? <Text className="xf-state__hint">{hint}</Text> : null}
      {home ? <HomeButton /> : null}
    </View>
  )
}

/**
 * A failed load. Reloading helps when the network or the server failed; not when the thing is gone
 * (404): then the way out is 返回首页.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const missing = error instanceof ApiError && error.statusCode === 404
  return (
    <View className="xf-state xf-state--error" role="alert">
      <View className="xf-state__icon xf-state__icon--error">!</View>
      <Text className="xf-state__text">{describeError(error)}</Text>
      {onRetry && !missing ? (
        <View className="xf-state__retry" onClick={onRetry} hoverClass="xf-pressed">
          重新加载
        </View>
      ) : null}
      {missing ? <HomeButton /> : null}
    </View>
  )
}
