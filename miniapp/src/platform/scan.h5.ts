/** H5: the phone's own camera app opens the QR's link straight onto the judge page; no in-page scanner. */
export const canScan = false

export async function scanInvite(): Promise<string | null> {
  return null
}
