import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { ContestLive } from '@xianfeng/shared'
import { contestApi, contestStreamUrl } from '../../api/assessment'
import { openLiveStream } from '../../platform/live-stream'
import { startLiveFeed, type FeedState, type LiveFeed } from './live'

/** The live state of a contest, kept up to date (see live.ts); `error` is the last failed poll while nothing was shown yet. */
export function useLive(contestId: string | null) {
  const [live, setLive] = useState<ContestLive | null>(null)
  const [state, setState] = useState<FeedState>('connecting')
  const [error, setError] = useState<unknown>(null)
  const feed = useRef<LiveFeed | null>(null)

  useEffect(() => {
    if (!contestId) return undefined
    setLive(null)
    setError(null)
    const f = startLiveFeed<ContestLive>({
      fetch: () => contestApi.live(contestId),
      streamUrl: contestStreamUrl(contestId),
      openStream: openLiveStream,
      version: (d) => d.version,
      onData: (d) => {
        setLive(d)
        setError(null)
      },
      onState: setState,
      onError: setError,
    })
    feed.current = f
    return () => {
      f.stop()
      feed.current = null
    }
  }, [contestId])

  // Back in the foreground (a phone woke up): fetch at once rather than on the next tick.
  useDidShow(() => feed.current?.refresh())

  return { live, state, error, refresh: () => feed.current?.refresh() }
}
