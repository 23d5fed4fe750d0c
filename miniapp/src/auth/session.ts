import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { User } from '@xianfeng/shared'

const TOKEN_KEY = 'xf.token'
const USER_KEY = 'xf.user'

export interface Session {
  token: string | null
  /** The user as last seen (login or GET /me); may be stale until the next GET /me. */
  user: User | null
}

type Listener = (s: Session) => void
const listeners = new Set<Listener>()

function read<T>(key: string): T | null {
  try {
    const v = Taro.getStorageSync(key) as T | '' | undefined
    return v === '' || v === undefined ? null : v
  } catch {
    return null
  }
}

export function getSession(): Session {
  return { token: read<string>(TOKEN_KEY), user: read<User>(USER_KEY) }
}

export function getToken(): string | null {
  return read<string>(TOKEN_KEY)
}

function emit(): void {
  const s = getSession()
  listeners.forEach((l) => l(s))
}

export function saveSession(token: string, user: User): void {
  Taro.setStorageSync(TOKEN_KEY, token)
  Taro.setStorageSync(USER_KEY, user)
  emit()
}

export function saveUser(user: User): void {
  Taro.setStorageSync(USER_KEY, user)
  emit()
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(USER_KEY)
  emit()
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The current session, re-rendering when someone logs in or out. */
export function useSession(): Session {
  const [session, setSession] = useState<Session>(getSession)
  useEffect(() => subscribeSession(setSession), [])
  return session
}
