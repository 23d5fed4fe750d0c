import type { OpenStream } from '../packages/contest/live'

/**
 * H5: server-sent events through the browser's EventSource, which reconnects by itself after a
 * dropped connection (the feed polls meanwhile). Each event's data is the whole live state as JSON.
 */
export const openLiveStream: OpenStream = (url, on) => {
  if (typeof EventSource === 'undefined') return null
  const es = new EventSource(url)
  const message = (e: MessageEvent) => on.message(String(e.data))
  es.onopen = () => on.open()
  es.onmessage = message
  es.addEventListener('live', message as EventListener)
  es.onerror = () => on.error(es.readyState === EventSource.CLOSED)
  return { close: () => es.close() }
}
