import { useCallback, useEffect, useRef, useState } from 'react'

export type AsyncState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown }

/**
 * Runs `load` when `deps` change (and on `reload()`), keeping only the latest answer so a slow
 * earlier request cannot overwrite a newer one.
 */
export function useAsync<T>(load: () => Promise<T>, deps: ReadonlyArray<unknown>) {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' })
  const seq = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const run = useCallback(() => {
    const mine = ++seq.current
    setState({ status: 'loading' })
    loadRef.current().then(
      (data) => {
        if (mine === seq.current) setState({ status: 'success', data })
      },
      (error: unknown) => {
        if (mine === seq.current) setState({ status: 'error', error })
      },
    )
  }, [])

  /** Like reload, but keeps showing what is there while it loads (and if it fails). */
  const refresh = useCallback(() => {
    const mine = ++seq.current
    loadRef.current().then(
      (data) => {
        if (mine === seq.current) setState({ status: 'success', data })
      },
      (error: unknown) => {
        if (mine === seq.current) setState((s) => (s.status === 'success' ? s : { status: 'error', error }))
      },
    )
  }, [])

  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(run, deps)

  return { ...state, reload: run, refresh, setData: (data: T) => setState({ status: 'success', data }) }
}
