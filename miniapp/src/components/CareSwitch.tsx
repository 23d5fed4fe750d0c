import { Text, View } from '@tarojs/components'
import { CARE_SCALE, setCare, useTextScale } from '../care/care'
import './CareSwitch.css'

/** 我的 → 关怀模式: the whole row is the switch (a large target), remembered on this phone. */
export function CareSwitch() {
  const scale = useTextScale()
  const on = scale >= CARE_SCALE
  return (
    <View className="xf-section">
      <View
        className="xf-panel xf-care-switch"
        data-testid="care-switch"
        role="switch"
        aria-checked={on}
        hoverClass="xf-pressed"
        onClick={() => setCare(!on)}
      >
        <View className="xf-care-switch__text">
          <Text className="xf-care-switch__title">关怀模式（大字）</Text>
          <Text className="xf-care-switch__hint">{on ? '已开启：字更大，按钮更好点' : scale > 1 ? '已跟随微信字体放大' : '字太小看不清？点这里放大'}</Text>
        </View>
        <View className={`xf-care-switch__knob ${on ? 'xf-care-switch__knob--on' : ''}`}>
          <View className="xf-care-switch__dot" />
        </View>
      </View>
    </View>
  )
}
