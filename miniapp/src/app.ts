import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { Pages, pageUrl } from '@xianfeng/shared'
import { initCare } from './care/care'
import { installPrivacyConsent } from './platform/privacy'
import './app.css'

// 关怀模式 (large text) as remembered, before the first page draws.
initCare()

// weapp: WeChat asks for consent before privacy-related APIs; our sheet answers (H5: nothing to do).
installPrivacyConsent()

// An unknown route (an old link, a typo) lands on a page that says so and leads home, not a blank screen.
Taro.onPageNotFound((res) => {
  Taro.redirectTo({ url: pageUrl(Pages.notFound, { path: res.path }) }).catch(() => Taro.reLaunch({ url: pageUrl(Pages.notFound) }))
})

export default function App({ children }: PropsWithChildren) {
  // Pages load their own data; the token lives in storage (auth/session.ts).
  return children
}
