import Taro from '@tarojs/taro'

let scale = 1
let listening = false

declare const wx: {
  setPageStyle?: (o: { style: Record<string, string>; fail?: () => void }) => void
  onAppRoute?: (cb: () => void) => void
}

/**
 * The page root cannot take a style from WXML in Taro's template, so the variable goes on through
 * wx.setPageStyle (a CSS text on the current page's root) on every page as it opens. Without it (an old
 * base library) text stays standard size and nothing breaks.
 */
function applyToCurrentPage(): void {
  wx.setPageStyle?.({ style: { cssText: `--xf-text-scale: ${scale}` }, fail: () => undefined })
}

/** 关怀模式 on weapp: the current page now, and each page as the app routes to it. */
export function applyTextScale(next: number): void {
  scale = next
  applyToCurrentPage()
  if (!listening && wx.onAppRoute) {
    listening = true
    wx.onAppRoute(() => setTimeout(applyToCurrentPage, 0))
  }
}

/** WeChat's font size setting in px (17 is standard), from getAppBaseInfo or the older getSystemInfoSync. */
export function systemFontSize(): number | null {
  try {
    const t = Taro as unknown as { getAppBaseInfo?: () => { fontSizeSetting?: number } }
    const info = t.getAppBaseInfo ? t.getAppBaseInfo() : (Taro.getSystemInfoSync() as { fontSizeSetting?: number })
    return typeof info.fontSizeSetting === 'number' ? info.fontSizeSetting : null
  } catch {
    return null
  }
}
