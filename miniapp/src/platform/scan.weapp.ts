import Taro from '@tarojs/taro'

/** weapp scans with WeChat's scanner (wx.scanCode). */
export const SCAN_SUPPORTED = true

/**
 * Opens the scanner for a QR code: what it read (for a mini-program code, the page path it opens), or
 * null when the person cancelled. The camera only, unless `fromAlbum`: a check-in code must be scanned
 * where it is shown, not from a forwarded screenshot.
 */
export async function scanCode(opts: { fromAlbum?: boolean } = {}): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: !opts.fromAlbum, scanType: ['qrCode'] })
    return res.result || res.path || null
  } catch (e) {
    const errMsg = (e as { errMsg?: string } | null)?.errMsg ?? ''
    if (/cancel/i.test(errMsg)) return null
    throw e
  }
}
