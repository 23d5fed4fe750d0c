import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { goHome } from '../../utils/nav'
import './index.css'

/** An unknown route (an old or mistyped link): say so, and offer the way home. */
export default function NotFoundPage() {
  const { params } = useRouter()
  const path = params.path ? decodeURIComponent(params.path) : ''
  return (
    <View className="xf-page xf-notfound" data-testid="not-found">
      <View className="xf-notfound__mark">?</View>
      <Text className="xf-notfound__title">没有找到这个页面</Text>
      <Text className="xf-notfound__hint">链接可能已经过期或输错了。{path ? `（${path}）` : ''}</Text>
      <View className="xf-btn xf-notfound__home" hoverClass="xf-pressed" onClick={goHome}>
        返回首页
      </View>
    </View>
  )
}
