import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { workbenchApi } from '../api/workbench'

/**
 * How many items wait in the review queue of `orgId` (and its subtree), for a badge: fetched on
 * mount and each time the page shows again (after approving from the queue, the badge drops).
 * A failure leaves the last number: a badge is no place for an error.
 */
export function useReviewCount(orgId: string | null | undefined): number {
  const [count, setCount] = useState(0)
  const load = useCallback(() => {
    if (!orgId) {
      setCount(0)
      return
    }
    workbenchApi.reviewCounts(orgId).then(
      (c) => setCount(c.total),
      () => undefined,
    )
  }, [orgId])
  useEffect(load, [load])
  useDidShow(load)
  return count
}
