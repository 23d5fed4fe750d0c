import { View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { Field } from './Field'

export interface ReasonFormProps {
  /** 驳回原因 / 退回原因 */
  label: string
  placeholder: string
  maxLength: number
  /** 确认驳回 / 确认退回 */
  submitText: string
  busy: boolean
  onCancel: () => void
  /** The reason, trimmed; never empty. */
  onSubmit: (reason: string) => void
}

/** Staff refuse or send something back, saying why (the author reads the reason). */
export function ReasonForm({ label, placeholder, maxLength, submitText, busy, onCancel, onSubmit }: ReasonFormProps) {
  const [reason, setReason] = useState('')
  return (
    <Field label={label}>
      <TextArea className="xf-nut-textarea" value={reason} maxLength={maxLength} showCount placeholder={placeholder} onChange={setReason} />
      <View className="xf-row">
        <Button className="xf-half" type="primary" size="large" fill="outline" onClick={onCancel}>
          取消
        </Button>
        <Button className="xf-half" type="primary" size="large" loading={busy} disabled={!reason.trim()} onClick={() => onSubmit(reason.trim())}>
          {submitText}
        </Button>
      </View>
    </Field>
  )
}
