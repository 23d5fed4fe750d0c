import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './Gate.css'

/** What a page shows instead of a form the person may not use yet: why, and the one step to take. */
export function Gate({ mark, title, hint, action, onAction }: { mark: string; title: string; hint?: string; action: string; onAction: () => void }) {
  return (
    <View className="xf-gate" data-testid="gate">
      <View className="xf-gate__mark">{mark}</View>
      <Text className="xf-gate__title">{title}</Text>
      {hint ? <Text className="xf-gate__hint">{hint}</Text> : null}
      <View className="xf-gate__action">
        <Button type="primary" size="large" block onClick={onAction}>
          {action}
        </Button>
      </View>
    </View>
  )
}
