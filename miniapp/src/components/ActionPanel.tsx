import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { Alert } from './Alert'

/** A titled section of a detail page holding what the caller may do, with the last action's error on top. */
export function ActionPanel({ title, testid, error, children }: { title: string; testid: string; error?: string | null; children?: ReactNode }) {
  return (
    <View className="xf-section" data-testid={testid}>
      <View className="xf-section__title">
        <Text>{title}</Text>
      </View>
      <View className="xf-panel">
        <Alert>{error}</Alert>
        {children}
      </View>
    </View>
  )
}

/** The explaining sentence at the top of an action panel. */
export function Lead({ children }: { children: ReactNode }) {
  return <Text className="xf-lead">{children}</Text>
}
