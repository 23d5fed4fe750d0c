import Taro from '@tarojs/taro'

/** weapp scans with the camera (wx.scanCode). */
export const SCAN_SUPPORTED = true

/** Opens the camera for a QR code; the text it read, or null when the person cancelled. */
export async function scanCode(): Promise<string | null> {
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    return res.result ?? null
  } catch (e) {
    const errMsg = (e as { errMsg?: string } | null)?.errMsg ?? ''
    if (/cancel/i.test(errMsg)) return null
    throw e
  }
}
