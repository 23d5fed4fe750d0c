import type { PropsWithChildren } from 'react'
import { installPrivacyConsent } from './platform/privacy'
import './app.css'

// weapp: WeChat asks for consent before privacy-related APIs; our sheet answers (H5: nothing to do).
installPrivacyConsent()

export default function App({ children }: PropsWithChildren) {
  // Pages load their own data; the token lives in storage (auth/session.ts).
  return children
}
