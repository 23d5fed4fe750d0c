import { Text, View } from '@tarojs/components'
import './Stars.css'

export const SCORE_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意']

/** Five stars filled to `value` (rounded to the nearest half), for display. */
export function Stars({ value, size = 'md' }: { value: number | null; size?: 'sm' | 'md' | 'lg' }) {
  const v = value ?? 0
  return (
    <View className={`xf-stars xf-stars--${size}`} aria-label={value == null ? '暂无评分' : `${value} 分`}>
      {[1, 2, 3, 4, 5].map((i) => (
        <Text key={i} className={`xf-star ${v >= i - 0.25 ? 'xf-star--on' : v >= i - 0.75 ? 'xf-star--half' : ''}`}>
          ★
        </Text>
      ))}
    </View>
  )
}

/** Big tappable stars to give a 1–5 score; tapping the chosen star again clears it when `clearable`. */
export function StarInput({ value, onChange, clearable = false }: { value: number; onChange: (v: number) => void; clearable?: boolean }) {
  return (
    <View className="xf-star-input" data-testid="star-input">
      <View className="xf-stars xf-stars--input">
        {[1, 2, 3, 4, 5].map((i) => (
          <View
            key={i}
            className={`xf-star ${value >= i ? 'xf-star--on' : ''}`}
            role="button"
            aria-label={`${i} 分`}
            onClick={() => onChange(clearable && value === i ? 0 : i)}
          >
            ★
          </View>
        ))}
      </View>
      <Text className="xf-star-input__word">{value ? `${value} 分 · ${SCORE_WORDS[value]}` : '点星星打分'}</Text>
    </View>
  )
}
