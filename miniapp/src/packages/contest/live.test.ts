import { startLiveFeed, type FeedState, type StreamHandlers } from './live'

/** A stand-in stream the test drives: open it, push events, break it. */
function fakeStreams() {
  const opened: Array<{ url: string; on: StreamHandlers; closed: boolean }> = []
  const open = (url: string, on: StreamHandlers) => {
    const s = { url, on, closed: false }
    opened.push(s)
    return { close: () => void (s.closed = true) }
  }
  return { opened, open, last: () => opened[opened.length - 1] }
}

/** Lets the feed's promises settle (fake timers do not run microtasks). */
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
}

describe('the live feed of a contest', () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  test('shows the snapshot at once, then each pushed state; polls only slowly while the stream is up', async () => {
    const streams = fakeStreams()
    let n = 0
    const fetch = jest.fn(async () => ({ v: `poll${++n}` }))
    const seen: string[] = []
    const states: FeedState[] = []
    const feed = startLiveFeed({ fetch, streamUrl: '/s', openStream: streams.open, onData: (d) => seen.push(d.v), onState: (s) => states.push(s), fastPollMs: 1000, slowPollMs: 15_000 })
    await flush()
    expect(seen).toEqual(['poll1'])
    streams.last().on.open()
    streams.last().on.message(JSON.stringify({ v: 'push1' }))
    expect(seen).toEqual(['poll1', 'push1'])
    expect(states).toEqual(['connecting', 'polling', 'live'])
    // Ten seconds with a healthy stream: no poll.
    await jest.advanceTimersByTimeAsync(10_000)
    expect(fetch).toHaveBeenCalledTimes(1)
    // The safety poll beside the stream.
    await jest.advanceTimersByTimeAsync(6_000)
    expect(fetch).toHaveBeenCalledTimes(2)
    feed.stop()
  })

  test('a dropped stream: catches up at once and polls every second until the stream is back', async () => {
    const streams = fakeStreams()
    let n = 0
    const fetch = jest.fn(async () => ({ v: `poll${++n}` }))
    const states: FeedState[] = []
    const feed = startLiveFeed({ fetch, streamUrl: '/s', openStream: streams.open, onData: () => undefined, onState: (s) => states.push(s) })
    await flush()
    streams.last().on.open()
    streams.last().on.error(false)
    await flush()
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(states[states.length - 1]).toBe('polling')
    await jest.advanceTimersByTimeAsync(3_000)
    expect(fetch).toHaveBeenCalledTimes(5)
    // EventSource reconnected by itself: back to the slow poll.
    streams.last().on.open()
    await jest.advanceTimersByTimeAsync(5_000)
    expect(fetch).toHaveBeenCalledTimes(5)
    expect(states[states.length - 1]).toBe('live')
    feed.stop()
  })

  test('a stream the platform gave up on is reopened, waiting longer each time', async () => {
    const streams = fakeStreams()
    const feed = startLiveFeed({ fetch: async () => ({}), streamUrl: '/s', openStream: streams.open, onData: () => undefined })
    await flush()
    streams.last().on.error(true)
    expect(streams.opened[0].closed).toBe(true)
    await jest.advanceTimersByTimeAsync(1_000)
    expect(streams.opened).toHaveLength(2)
    streams.last().on.error(true)
    await jest.advanceTimersByTimeAsync(1_000)
    expect(streams.opened).toHaveLength(2)
    await jest.advanceTimersByTimeAsync(1_000)
    expect(streams.opened).toHaveLength(3)
    feed.stop()
  })

  test('without a stream (weapp) it polls every second, and a failed poll keeps the last state on screen', async () => {
    const results: Array<() => Promise<{ v: number }>> = [async () => ({ v: 1 }), async () => Promise.reject(new Error('down')), async () => ({ v: 3 })]
    const seen: number[] = []
    const states: FeedState[] = []
    const feed = startLiveFeed({ fetch: () => (results.shift() ?? (async () => ({ v: 9 })))(), streamUrl: '/s', openStream: () => null, onData: (d) => seen.push(d.v), onState: (s) => states.push(s) })
    await flush()
    await jest.advanceTimersByTimeAsync(1_000)
    expect(seen).toEqual([1])
    expect(states[states.length - 1]).toBe('offline')
    await jest.advanceTimersByTimeAsync(1_000)
    expect(seen).toEqual([1, 3])
    expect(states[states.length - 1]).toBe('polling')
    feed.stop()
    await jest.advanceTimersByTimeAsync(5_000)
    expect(seen).toEqual([1, 3])
  })

  test('a poll answer older than a pushed state does not overwrite it', async () => {
    const streams = fakeStreams()
    let answer: (v: { v: string }) => void = () => undefined
    const seen: string[] = []
    const feed = startLiveFeed({
      fetch: () => new Promise<{ v: string }>((ok) => (answer = ok)),
      streamUrl: '/s',
      openStream: streams.open,
      onData: (d) => seen.push(d.v),
    })
    // The snapshot request is in flight when the stream delivers a newer state.
    streams.last().on.message(JSON.stringify({ v: 'push' }))
    answer({ v: 'stale poll' })
    await flush()
    expect(seen).toEqual(['push'])
    feed.stop()
  })

  test('with versions, a state older than the one shown is dropped whichever path brought it', async () => {
    const streams = fakeStreams()
    const polls = [{ version: 7 }, { version: 5 }]
    const seen: number[] = []
    const feed = startLiveFeed({ fetch: async () => polls.shift() ?? { version: 9 }, streamUrl: '/s', openStream: streams.open, onData: (d) => seen.push(d.version), version: (d) => d.version })
    await flush()
    streams.last().on.message(JSON.stringify({ version: 6 }))
    streams.last().on.message(JSON.stringify({ version: 8 }))
    streams.last().on.error(false)
    await flush()
    expect(seen).toEqual([7, 8])
    feed.stop()
  })

  test('malformed events are ignored', async () => {
    const streams = fakeStreams()
    const seen: unknown[] = []
    const feed = startLiveFeed({ fetch: async () => ({ ok: 1 }), streamUrl: '/s', openStream: streams.open, onData: (d) => seen.push(d) })
    await flush()
    streams.last().on.message('not json')
    expect(seen).toEqual([{ ok: 1 }])
    feed.stop()
  })
})
