import { useEffect, useRef, useState } from 'react'
import { describeError } from '../../../api/errors'
import { refreshDelay, secondsLeft } from '../code-timing'

export interface IssuedCode {
  code: string
  expiresAt: string
  /** When the next code is due. */
  refreshAt?: string | null
  /** The server's clock when it answered (ISO), when the answer carries it. */
  serverTime?: string | null
}

export interface RotatingCode {
  code: string | null
  expiresAt: string | null
  /** Seconds until the next code is fetched. */
  secondsToNext: number
  /** The last fetch failed: the code on screen (if any) may run out; retried every few seconds. */
  error: string | null
  /** The code on screen is past its expiry (the phone lost the network): say so rather than show it. */
  expired: boolean
}

const RETRY_MS = 3_000

/**
 * The organiser's check-in code, fetched again as each one stops being current, with a countdown.
 * Stops when the page unmounts. `load` is called afresh each time (a new code per step).
 */
export function useRotatingCode(load: () => Promise<IssuedCode>, now: () => number = Date.now): RotatingCode {
  const [state, setState] = useState<{ issued: IssuedCode | null; receivedAt: number; delay: number; error: string | null }>({
    issued: null,
    receivedAt: 0,
    delay: 0,
    error: null,
  })
  const [tick, setTick] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const nowRef = useRef(now)
  nowRef.current = now

  useEffect(() => {
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const fetchNext = async () => {
      try {
        const issued = await loadRef.current()
        if (!alive) return
        const receivedAt = nowRef.current()
        const serverNow = issued.serverTime ? Date.parse(issued.serverTime) : null
        const delay = refreshDelay({ expiresAt: issued.expiresAt, refreshAt: issued.refreshAt, receivedAt, serverNow: Number.isNaN(serverNow) ? null : serverNow }, receivedAt)
        setState({ issued, receivedAt, delay, error: null })
        timer = setTimeout(fetchNext, delay)
      } catch (e) {
        if (!alive) return
        setState((s) => ({ ...s, error: describeError(e) }))
        timer = setTimeout(fetchNext, RETRY_MS)
      }
    }
    void fetchNext()
    const clock = setInterval(() => setTick((t) => t + 1), 1000)
    return () => {
      alive = false
      if (timer) clearTimeout(timer)
      clearInterval(clock)
    }
  }, [])

  void tick
  const t = now()
  const { issued, receivedAt, delay, error } = state
  // Expiry on the phone's clock, shifted by the skew seen when the code arrived.
  const skew = issued?.serverTime ? Date.parse(issued.serverTime) - receivedAt : 0
  const expired = !!issued && Date.parse(issued.expiresAt) <= t + (Number.isNaN(skew) ? 0 : skew)
  return {
    code: issued?.code ?? null,
    expiresAt: issued?.expiresAt ?? null,
    secondsToNext: issued ? secondsLeft(receivedAt, delay, t) : 0,
    error,
    expired,
  }
}
