import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface AlertProps {
  /** Nothing is drawn when empty: pass the error as it is. */
  children?: ReactNode
  /** `status` for a standing notice (held for review); `alert` (default) for something that just went wrong. */
  role?: 'alert' | 'status'
  /** In its own page section, between panels. */
  section?: boolean
  testid?: string
}

/** The red notice box: errors of a form or an action, and standing notices on a page. */
export function Alert({ children, role = 'alert', section, testid }: AlertProps) {
  if (children === null || children === undefined || children === false || children === '') return null
  const box = (
    <View className="xf-alert" role={role} data-testid={testid}>
      {children}
    </View>
  )
  return section ? <View className="xf-section">{box}</View> : box
}
