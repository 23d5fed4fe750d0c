import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { notificationsApi } from '../api/notifications'
import { getToken } from '../auth/session'

/** The 我的 tab (app.config.ts tabBar.list) carries the unread badge. */
const ME_TAB_INDEX = 2

type Listener = (n: number) => void
let unread = 0
const listeners = new Set<Listener>()

/** The tab badge follows the count. Fails harmlessly where there is no tab bar (weapp: non-tab pages). */
function applyTabBadge(n: number): void {
  if (typeof Taro.setTabBarBadge !== 'function') return
  const done = n > 0 ? Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: n > 99 ? '99+' : String(n) }) : Taro.removeTabBarBadge({ index: ME_TAB_INDEX })
  Promise.resolve(done).catch(() => undefined)
}

export function getUnread(): number {
  return unread
}

export function setUnread(n: number): void {
  unread = Math.max(0, n)
  applyTabBadge(unread)
  listeners.forEach((l) => l(unread))
}

/** Asks the server for the unread count (quietly: a failure keeps the last one). Logged out: 0. */
export async function refreshUnread(): Promise<number> {
  if (!getToken()) {
    setUnread(0)
    return 0
  }
  try {
    setUnread(await notificationsApi.unread())
  } catch {
    // keep what we had; the badge is a hint
  }
  return unread
}

/** The unread count, re-rendering when it changes. */
export function useUnread(): number {
  const [n, setN] = useState(unread)
  useEffect(() => {
    listeners.add(setN)
    setN(unread)
    return () => {
      listeners.delete(setN)
    }
  }, [])
  return n
}
