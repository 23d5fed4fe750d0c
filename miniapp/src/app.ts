import type { PropsWithChildren } from 'react'
import './app.css'

export default function App({ children }: PropsWithChildren) {
  // Pages load their own data; the token lives in storage (auth/session.ts).
  return children
}
