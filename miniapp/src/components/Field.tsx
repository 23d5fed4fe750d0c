import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface FieldProps {
  /** Omitted for a field whose panel title already says what it is. */
  label?: ReactNode
  /** Below the input: what to write, what happens. */
  hint?: ReactNode
  /** The field's own message (from the form's checks or the server's `details`). */
  error?: string | null
  className?: string
  testid?: string
  children: ReactNode
}

/** One form field: label, the input, a hint and the field's error, in the app's look. */
export function Field({ label, hint, error, className, testid, children }: FieldProps) {
  return (
    <View className={className ? `xf-field ${className}` : 'xf-field'} data-testid={testid}>
      {label ? <Text className="xf-field__label">{label}</Text> : null}
      {children}
      {hint ? <Text className="xf-field__hint">{hint}</Text> : null}
      {error ? <Text className="xf-field__error">{error}</Text> : null}
    </View>
  )
}
