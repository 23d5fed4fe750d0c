import { useEffect, useState } from 'react'
import { useAsync } from './useAsync'

/**
 * The organisation a page shows: the one it was opened with, else one worked out by `fallback`
 * (the user's own, the first top-level one, …). `resolving` tells the page whether that is still
 * under way, failed, or found nothing.
 */
export function useOrgWithFallback(initial: string | null | (() => string | null), fallback: () => Promise<string | null>) {
  const [orgId, setOrgId] = useState<string | null>(initial)
  const resolving = useAsync(async () => (orgId ? orgId : fallback()), [])
  useEffect(() => {
    if (!orgId && resolving.status === 'success' && resolving.data) setOrgId(resolving.data)
  }, [orgId, resolving.status, resolving.data])
  return { orgId, setOrgId, resolving }
}
