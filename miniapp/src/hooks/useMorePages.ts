import type { Page } from '@xianfeng/shared'
import { useEffect, useState } from 'react'
import { describeError } from '../api/errors'

interface More<T> {
  items: T[]
  cursor: string | null
  loading: boolean
  error: string | null
}

/**
 * The pages after the first of a paged list. `first` is the first page as loaded (a new one starts
 * over); `next(cursor)` fetches the following ones. Answers every item so far, the footer's state
 * (see LoadMore) and `loadMore`.
 */
export function useMorePages<T>(first: Pick<Page<T>, 'items' | 'nextCursor'> | null | undefined, next: (cursor: string) => Promise<Page<T>>) {
  const [more, setMore] = useState<More<T>>({ items: [], cursor: null, loading: false, error: null })
  useEffect(() => {
    if (first) setMore({ items: [], cursor: first.nextCursor, loading: false, error: null })
  }, [first])

  const loadMore = async () => {
    if (!more.cursor || more.loading) return
    setMore((m) => ({ ...m, loading: true, error: null }))
    try {
      const page = await next(more.cursor)
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, loading: false, error: null }))
    } catch (e) {
      setMore((m) => ({ ...m, loading: false, error: describeError(e) }))
    }
  }

  return { items: first ? [...first.items, ...more.items] : [], more, loadMore }
}
