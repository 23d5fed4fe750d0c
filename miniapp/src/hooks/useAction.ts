import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { ApiError } from '../api/errors'

export interface UseActionOptions<T> {
  /** The words for a failure (each feature has its own: describeWishError, …). */
  describe: (e: unknown) => string
  /** Error codes meaning the page shows an old state: the message stays and `onStale` reloads. */
  staleCodes?: readonly string[]
  onStale?: () => void
  /** The answer of a successful action (a state-changing route answers with the resource as it now is). */
  onChanged?: (result: T) => void
}

export interface RunOptions<T> {
  /** Toast after success. */
  done: string
  /** Ask first (a modal); declining runs nothing. */
  confirm?: { title: string; content: string }
  /** After success, before `onChanged`: e.g. empty the form. */
  after?: (result: T) => void
}

export interface Action<T> {
  /** The name of the action under way, for the button's spinner; null when idle. */
  busy: string | null
  error: string | null
  /** Runs `call` once at a time: busy while it runs, its error in `error`, a toast when it is done. True when it went through. */
  run: (name: string, call: () => Promise<T>, options: RunOptions<T>) => Promise<boolean>
}

async function confirmed(c: { title: string; content: string }): Promise<boolean> {
  const r = await Taro.showModal({ title: c.title, content: c.content, confirmColor: '#c8102e' }).catch(() => ({ confirm: false }))
  return r.confirm
}

/** One way to run a user's action: confirm first if asked, show busy and the error, refresh when stale. */
export function useAction<T>({ describe, staleCodes = [], onStale, onChanged }: UseActionOptions<T>): Action<T> {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  // A second tap lands before React re-renders with `busy` set.
  const running = useRef(false)

  const run: Action<T>['run'] = async (name, call, { done, confirm, after }) => {
    if (running.current) return false
    if (confirm && !(await confirmed(confirm))) return false
    running.current = true
    setBusy(name)
    setError(null)
    try {
      const result = await call()
      Taro.showToast({ title: done, icon: 'success' })
      after?.(result)
      onChanged?.(result)
      return true
    } catch (e) {
      setError(describe(e))
      if (e instanceof ApiError && staleCodes.includes(e.code)) onStale?.()
      return false
    } finally {
      running.current = false
      setBusy(null)
    }
  }
  return { busy, error, run }
}
