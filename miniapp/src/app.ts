import type { PropsWithChildren } from 'react'
import { initCare } from './care/care'
import './app.css'

// 关怀模式 (large text) as remembered, before the first page draws.
initCare()

export default function App({ children }: PropsWithChildren) {
  // Pages load their own data; the token lives in storage (auth/session.ts).
  return children
}
