/**
 * The live state of a contest for the big screen and the host: pushed by server-sent events where the
 * platform has them, polled otherwise. The stream is only a faster path: a snapshot is fetched on
 * start (so a reload shows the ranking at once), polling takes over quickly while the stream is down,
 * and a slow poll keeps running beside a healthy stream, so a connection that died without an error
 * (a sleeping laptop, a proxy that drops idle sockets) cannot freeze the screen.
 */

/** A stream the platform opened; `close` ends it for good. */
export interface LiveSource {
  close(): void
}

export interface StreamHandlers {
  open(): void
  /** One event's data (the whole state, JSON). */
  message(data: string): void
  /** `closed`: the platform gave up (it will not reconnect by itself). */
  error(closed: boolean): void
}

/** Opens a stream, or answers null where the platform has none (weapp). */
export type OpenStream = (url: string, on: StreamHandlers) => LiveSource | null

/** `live`: the stream is up. `polling`: updates come by polling (no stream, or it is down). `offline`: the last poll failed. */
export type FeedState = 'connecting' | 'live' | 'polling' | 'offline'

export interface LiveFeedOptions<T> {
  fetch: () => Promise<T>
  /** Null: poll only. */
  streamUrl: string | null
  openStream: OpenStream
  onData: (data: T) => void
  /** A state's version, growing with every change: an answer older than the one shown is dropped. */
  version?: (data: T) => number
  onState?: (state: FeedState) => void
  /** A failed poll (the feed keeps polling): e.g. a contest that does not exist. */
  onError?: (error: unknown) => void
  /** Poll interval without a working stream (the screen must update within 2 s). */
  fastPollMs?: number
  /** Poll interval beside a working stream. */
  slowPollMs?: number
  /** Longest wait before reopening a stream the platform gave up on. */
  maxReopenMs?: number
}

export interface LiveFeed {
  stop(): void
  /** Fetch now (after the screen comes back to the foreground, or a host's action). */
  refresh(): void
}

export function startLiveFeed<T>(o: LiveFeedOptions<T>): LiveFeed {
  const fastPollMs = o.fastPollMs ?? 1000
  const slowPollMs = o.slowPollMs ?? 15_000
  const maxReopenMs = o.maxReopenMs ?? 30_000
  let stopped = false
  let state: FeedState | null = null
  let streamUp = false
  let source: LiveSource | null = null
  let pollTimer: ReturnType<typeof setTimeout> | null = null
  let reopenTimer: ReturnType<typeof setTimeout> | null = null
  let reopenDelay = 1000
  let polling = false
  // Stream events count: a poll answer that left before the latest event may be older than it.
  let streamSeq = 0

  let shownVersion = -Infinity
  const deliver = (data: T) => {
    if (o.version) {
      const v = o.version(data)
      if (v < shownVersion) return
      shownVersion = v
    }
    o.onData(data)
  }

  const setState = (s: FeedState) => {
    if (s === state || stopped) return
    state = s
    o.onState?.(s)
  }

  const schedulePoll = () => {
    if (stopped) return
    if (pollTimer) clearTimeout(pollTimer)
    pollTimer = setTimeout(poll, streamUp ? slowPollMs : fastPollMs)
  }

  async function poll(): Promise<void> {
    if (stopped || polling) return
    polling = true
    const seqAtStart = streamSeq
    try {
      const data = await o.fetch()
      if (stopped) return
      if (streamSeq === seqAtStart) deliver(data)
      if (!streamUp) setState('polling')
    } catch (e) {
      if (stopped) return
      o.onError?.(e)
      if (!streamUp) setState('offline')
    } finally {
      polling = false
      schedulePoll()
    }
  }

  const openStream = () => {
    if (stopped || !o.streamUrl) return
    source = o.openStream(o.streamUrl, {
      open() {
        if (stopped) return
        streamUp = true
        reopenDelay = 1000
        setState('live')
        schedulePoll()
      },
      message(raw) {
        if (stopped) return
        let data: T
        try {
          data = JSON.parse(raw) as T
        } catch {
          return
        }
        streamSeq++
        if (!streamUp) {
          streamUp = true
          setState('live')
          schedulePoll()
        }
        deliver(data)
      },
      error(closed) {
        if (stopped) return
        const wasUp = streamUp
        streamUp = false
        if (state === 'live') setState('polling')
        // Catch up at once, then poll fast until the stream is back.
        if (wasUp) {
          if (pollTimer) clearTimeout(pollTimer)
          void poll()
        }
        if (closed) {
          source?.close()
          source = null
          if (reopenTimer) clearTimeout(reopenTimer)
          reopenTimer = setTimeout(openStream, reopenDelay)
          reopenDelay = Math.min(maxReopenMs, reopenDelay * 2)
        }
      },
    })
  }

  setState('connecting')
  void poll()
  openStream()

  return {
    stop() {
      stopped = true
      if (pollTimer) clearTimeout(pollTimer)
      if (reopenTimer) clearTimeout(reopenTimer)
      source?.close()
      source = null
    },
    refresh() {
      if (stopped) return
      if (pollTimer) clearTimeout(pollTimer)
      void poll()
    },
  }
}
