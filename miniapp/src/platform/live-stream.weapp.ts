import type { OpenStream } from '../packages/contest/live'

/** weapp: no EventSource (and wx.request cannot stream a response): the feed polls instead. */
export const openLiveStream: OpenStream = () => null
