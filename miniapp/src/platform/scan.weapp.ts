import Taro from '@tarojs/taro'

/** weapp: the judge scans the contest's QR with WeChat's scanner. */
export const canScan = true

/** What the scanned code holds (the judge link), or null when cancelled. */
export async function scanInvite(): Promise<string | null> {
  const r = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
  return r.result || r.path || null
}
