import { CODE_STEP_MS, codeFromScan, codeLines, refreshDelay, secondsLeft } from './code-timing'

const T0 = Date.parse('2026-12-05T09:00:00Z')
const iso = (ms: number) => new Date(ms).toISOString()

describe('refreshDelay: the code screen asks for the next code when the shown one stops being current', () => {
  test('a code issued at the start of its step expires two steps later and is shown for one step', () => {
    const t = { expiresAt: iso(T0 + 2 * CODE_STEP_MS), receivedAt: T0 }
    expect(refreshDelay(t, T0)).toBe(30_000)
  })

  test('a code issued 20 s into its step is replaced after the remaining 10 s, not after 30', () => {
    const t = { expiresAt: iso(T0 + 60_000), receivedAt: T0 + 20_000 }
    expect(refreshDelay(t, T0 + 20_000)).toBe(10_000)
  })

  test('the server clock wins over a phone that runs 2 minutes fast', () => {
    const phone = T0 + 120_000
    const t = { expiresAt: iso(T0 + 50_000), receivedAt: phone, serverNow: T0 }
    // Without the correction the code would look long expired and be fetched again at once.
    expect(refreshDelay(t, phone)).toBe(20_000)
    expect(refreshDelay({ ...t, serverNow: null }, phone)).toBe(2_000)
  })

  test('a phone clock hours behind still refreshes within one step', () => {
    const phone = T0 - 3 * 3600_000
    expect(refreshDelay({ expiresAt: iso(T0 + 60_000), receivedAt: phone }, phone)).toBe(CODE_STEP_MS)
  })

  test('the server\'s refreshAt, when given, says when the step ends', () => {
    const t = { expiresAt: iso(T0 + 60_000), refreshAt: iso(T0 + 12_000), receivedAt: T0 }
    expect(refreshDelay(t, T0)).toBe(12_000)
  })

  test('an unreadable expiresAt retries soon instead of never', () => {
    expect(refreshDelay({ expiresAt: 'soon', receivedAt: T0 }, T0)).toBe(2_000)
  })
})

test('secondsLeft counts down whole seconds and stops at zero', () => {
  expect(secondsLeft(T0, 10_000, T0)).toBe(10)
  expect(secondsLeft(T0, 10_000, T0 + 9_001)).toBe(1)
  expect(secondsLeft(T0, 10_000, T0 + 12_000)).toBe(0)
})

describe('codeFromScan', () => {
  test('a bare code is taken as it is, spaces typed by hand removed', () => {
    expect(codeFromScan(' 482 913 ')).toBe('482913')
  })
  test('a link carrying code= gives its code', () => {
    expect(codeFromScan('https://x.example/checkin?activityId=a1&code=AB%2BC9')).toBe('AB+C9')
  })
  test('nothing read is no code', () => {
    expect(codeFromScan('   ')).toBeNull()
    expect(codeFromScan(null)).toBeNull()
  })
})

test('codeLines puts two groups on a line, and what the member types back joins them again', () => {
  expect(codeLines('7K2M-9QXD-P3RT-0B5W')).toEqual(['7K2M-9QXD', 'P3RT-0B5W'])
  expect(codeLines('ABC')).toEqual(['ABC'])
  expect(codeFromScan(codeLines('7K2M-9QXD-P3RT-0B5W').join('\n'))).toBe('7K2M-9QXDP3RT-0B5W')
})
