import { useEffect, useRef } from 'react'
import type { SubscriptionTemplate } from '@xianfeng/shared'
import { notificationsApi } from '../../api/notifications'
import { SUBSCRIBE_SUPPORTED, requestSubscribe } from '../../platform/subscribe'

/** The templates an activity reminder may come by: the service ones the server offers. */
export function reminderTemplates(templates: SubscriptionTemplate[]): string[] {
  return templates.filter((t) => /service|activity/i.test(String(t.key))).map((t) => t.templateId)
}

/**
 * The reminder subscription asked on the sign-up tap: the template ids are loaded beforehand, because
 * WeChat only shows its request straight from a tap (no await before it). `ask()` never fails and never
 * delays what the tap does; on H5 it does nothing (messages wait in the inbox).
 */
export function useReminderAsk(enabled: boolean): () => void {
  const ids = useRef<string[]>([])
  useEffect(() => {
    if (!SUBSCRIBE_SUPPORTED || !enabled) return
    notificationsApi
      .templates()
      .then((t) => {
        ids.current = reminderTemplates(t)
      })
      .catch(() => undefined)
  }, [enabled])
  return () => {
    if (!SUBSCRIBE_SUPPORTED || ids.current.length === 0) return
    requestSubscribe(ids.current)
      .then((results) => notificationsApi.subscribe(results))
      .catch(() => undefined)
  }
}
