import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatDate } from '../../../utils/format'

/** A one-time bind code, big enough to read out or copy, with what the member does with it. */
export function BindCodePanel({ name, bindCode, expiresAt, onClose }: { name: string; bindCode: string; expiresAt?: string; onClose?: () => void }) {
  const copy = () => {
    Taro.setClipboardData({ data: bindCode })
      .then(() => Taro.showToast({ title: '已复制绑定码', icon: 'none' }))
      .catch(() => undefined)
  }
  return (
    <View className="xf-bindcode" data-testid="bind-code">
      <Text className="xf-bindcode__title">{name} 的绑定码</Text>
      <Text className="xf-bindcode__code" selectable>
        {bindCode}
      </Text>
      <Text className="xf-bindcode__hint">
        请把绑定码交给{name}：在小程序「我的」页面输入即可绑定党员身份。绑定码只能用一次
        {expiresAt ? `，${formatDate(expiresAt.slice(0, 10))}前有效` : ''}。
      </Text>
      <View className="xf-bindcode__actions">
        <View className="xf-btn xf-bindcode__copy" hoverClass="xf-pressed" onClick={copy}>
          复制绑定码
        </View>
        {onClose ? (
          <View className="xf-btn xf-btn--ghost xf-bindcode__close" hoverClass="xf-pressed" onClick={onClose}>
            知道了
          </View>
        ) : null}
      </View>
    </View>
  )
}
