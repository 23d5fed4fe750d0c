import { Picker, Text, View } from '@tarojs/components'
import { formatDate } from '../utils/format'
import './DateField.css'

/** A date chosen from the system date picker (YYYY-MM-DD), shown the Chinese way. */
export function DateField({
  value,
  onChange,
  start,
  placeholder = '请选择日期',
  clearable = false,
}: {
  value: string
  onChange: (ymd: string) => void
  start?: string
  placeholder?: string
  clearable?: boolean
}) {
  return (
    <View className="xf-date">
      <Picker mode="date" value={value || start || ''} start={start} onChange={(e) => onChange(String(e.detail.value))} className="xf-date__picker">
        <View className="xf-date__box" data-testid="date-field">
          <Text className={value ? 'xf-date__value' : 'xf-date__placeholder'}>{value ? formatDate(value) : placeholder}</Text>
          <Text className="xf-date__icon">▾</Text>
        </View>
      </Picker>
      {clearable && value ? (
        <Text className="xf-date__clear" onClick={() => onChange('')}>
          清除
        </Text>
      ) : null}
    </View>
  )
}
