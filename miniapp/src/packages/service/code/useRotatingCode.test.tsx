import { act, render } from '@testing-library/react'
import { useRotatingCode, type IssuedCode } from './useRotatingCode'

const T0 = Date.parse('2026-12-05T09:00:00Z')

function Probe({ load }: { load: () => Promise<IssuedCode> }) {
  const c = useRotatingCode(load)
  return <div data-testid="out">{`${c.code ?? '-'}|${c.secondsToNext}|${c.expired ? 'expired' : 'ok'}|${c.error ?? ''}`}</div>
}

async function flush() {
  await act(async () => {
    await Promise.resolve()
  })
}

describe('useRotatingCode: the organiser screen keeps showing a current code', () => {
  beforeEach(() => {
    jest.useFakeTimers()
    jest.setSystemTime(T0)
  })
  afterEach(() => jest.useRealTimers())

  test('fetches the next code when the step turns, and counts down to it', async () => {
    let n = 0
    // Each code is valid to the end of the next step (one step of grace).
    const load = jest.fn(async () => {
      n += 1
      const stepStart = Math.floor(Date.now() / 30_000) * 30_000
      return { code: `C${n}`, expiresAt: new Date(stepStart + 60_000).toISOString() }
    })
    jest.setSystemTime(T0 + 20_000) // 20 s into a step
    const { getByTestId } = render(<Probe load={load} />)
    await flush()
    expect(getByTestId('out').textContent).toBe('C1|10|ok|')
    await act(async () => {
      await jest.advanceTimersByTimeAsync(9_000)
    })
    expect(getByTestId('out').textContent).toBe('C1|1|ok|')
    expect(load).toHaveBeenCalledTimes(1)
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1_000)
    })
    await flush()
    expect(load).toHaveBeenCalledTimes(2)
    expect(getByTestId('out').textContent).toBe('C2|30|ok|')
  })

  test('a failed fetch keeps the code while it is valid, retries, and marks it expired when it runs out', async () => {
    let fail = false
    const load = jest.fn(async () => {
      if (fail) throw Object.assign(new Error('request:fail'), { errMsg: 'request:fail' })
      return { code: 'OLD', expiresAt: new Date(Date.now() + 60_000).toISOString() }
    })
    const { getByTestId } = render(<Probe load={load} />)
    await flush()
    fail = true
    await act(async () => {
      await jest.advanceTimersByTimeAsync(30_000)
    })
    await flush()
    expect(getByTestId('out').textContent).toMatch(/^OLD\|0\|ok\|.+/)
    await act(async () => {
      await jest.advanceTimersByTimeAsync(30_000)
    })
    await flush()
    expect(getByTestId('out').textContent).toMatch(/^OLD\|0\|expired\|/)
    // Retried every 3 s in between, not hammering.
    expect(load.mock.calls.length).toBeGreaterThanOrEqual(8)
    expect(load.mock.calls.length).toBeLessThanOrEqual(13)
  })

  test('stops asking once the screen is closed', async () => {
    const load = jest.fn(async () => ({ code: 'X', expiresAt: new Date(Date.now() + 60_000).toISOString() }))
    const { unmount } = render(<Probe load={load} />)
    await flush()
    unmount()
    await act(async () => {
      await jest.advanceTimersByTimeAsync(120_000)
    })
    expect(load).toHaveBeenCalledTimes(1)
  })
})
