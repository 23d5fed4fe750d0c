/** The organiser's code changes every this many seconds (the contract's step). */
export const CODE_STEP_MS = 30_000

/** Never ask again sooner than this (a wrong clock must not make the screen spin on the API). */
const MIN_DELAY_MS = 2_000

export interface CodeTiming {
  /** When the code stops being accepted (server clock), from `GET /activities/:id/checkin-code`. */
  expiresAt: string
  /** When the next code is due (the end of this code's step), when the server says so. */
  refreshAt?: string | null
  /** When the answer arrived (this phone's clock, ms). */
  receivedAt: number
  /**
   * The server's clock at that moment (ms), when known. Without it the phone's clock is trusted,
   * which the bounds below keep harmless even when it is minutes off.
   */
  serverNow?: number | null
}

/**
 * How long to show this code before fetching the next one: until its step ends, which is one step
 * before it expires (the last step is the grace for a slow scan — showing a code then would hand
 * members a code with seconds left). Bounded to [2 s, 30 s] so a skewed clock can neither hammer the
 * API nor leave a stale code up for more than one step.
 */
export function refreshDelay(t: CodeTiming, now: number): number {
  const skew = t.serverNow != null ? t.serverNow - t.receivedAt : 0
  const stepEndsAt = t.refreshAt ? Date.parse(t.refreshAt) : Date.parse(t.expiresAt) - CODE_STEP_MS
  const delay = Number.isNaN(stepEndsAt) ? MIN_DELAY_MS : stepEndsAt - (now + skew)
  return Math.min(Math.max(delay, MIN_DELAY_MS), CODE_STEP_MS)
}

/** Whole seconds left on a countdown that ends `delayMs` after `since` (for the "N 秒后更新" line). */
export function secondsLeft(since: number, delayMs: number, now: number): number {
  return Math.max(0, Math.ceil((since + delayMs - now) / 1000))
}

/**
 * The check-in code from whatever the member's scanner read: the bare code, or a link carrying
 * `code=` (a QR printed by a future version, or pasted by hand). Blank → null.
 */
export function codeFromScan(text: string | null | undefined): string | null {
  const s = (text ?? '').trim()
  if (!s) return null
  const m = /[?&#]code=([^&#\s]+)/.exec(s)
  if (m) return decodeURIComponent(m[1])
  return s.replace(/\s+/g, '')
}

/**
 * The code in lines of two groups (`7K2M-9QXD` / `P3RT-0B5W`) for the organiser's screen: big enough
 * to read out across a room, and never wider than a small phone.
 */
export function codeLines(code: string): string[] {
  const groups = code.split('-')
  const lines: string[] = []
  for (let i = 0; i < groups.length; i += 2) lines.push(groups.slice(i, i + 2).join('-'))
  return lines
}
