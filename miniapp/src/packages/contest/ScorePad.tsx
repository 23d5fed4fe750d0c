import { Input, Slider, Text, View } from '@tarojs/components'
import { parseScore, stepScore } from '../../utils/score'

export interface ScorePadProps {
  /** The score as typed (text, so 92. on the way to 92.5 is kept). */
  value: string
  onChange: (text: string) => void
  disabled?: boolean
}

/** A judge's 0–100: the number large, a slider for the thumb, − / + for the last point, and a box to type 92.5. */
export function ScorePad({ value, onChange, disabled }: ScorePadProps) {
  const parsed = parseScore(value, 100)
  const error = value.trim() === '' ? null : typeof parsed === 'string' ? parsed : null
  const sliderValue = typeof parsed === 'number' ? Math.round(parsed) : 0
  return (
    <View className={`xf-pad${disabled ? ' xf-pad--disabled' : ''}`} data-testid="score-pad">
      <View className="xf-pad__row">
        <View className="xf-pad__step" hoverClass="xf-pressed" aria-label="减 1 分" onClick={() => !disabled && onChange(stepScore(value, -1, 100))}>
          −
        </View>
        <Input
          className="xf-pad__input"
          type="digit"
          name="score"
          value={value}
          maxlength={5}
          disabled={disabled}
          placeholder="打分"
          placeholderClass="xf-pad__placeholder"
          onInput={(e) => onChange(e.detail.value)}
        />
        <View className="xf-pad__step" hoverClass="xf-pressed" aria-label="加 1 分" onClick={() => !disabled && onChange(stepScore(value, 1, 100))}>
          +
        </View>
      </View>
      <Slider
        className="xf-pad__slider"
        min={0}
        max={100}
        step={1}
        value={sliderValue}
        disabled={disabled}
        activeColor="#c8102e"
        blockSize={28}
        onChanging={(e) => onChange(String(e.detail.value))}
        onChange={(e) => onChange(String(e.detail.value))}
      />
      <View className="xf-pad__scale">
        <Text>0</Text>
        <Text>60</Text>
        <Text>100</Text>
      </View>
      {error ? <Text className="xf-field__error" data-testid="score-error">{error}</Text> : null}
    </View>
  )
}
