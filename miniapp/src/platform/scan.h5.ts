/**
 * In a browser wx.scanCode needs WeChat's JSSDK, which this H5 build does not load: a member types the
 * check-in code shown under the organiser's QR, and a judge opens the contest's QR with the phone's own
 * camera app, whose link lands on the judge page.
 */
export const SCAN_SUPPORTED = false

export async function scanCode(_opts: { fromAlbum?: boolean } = {}): Promise<string | null> {
  throw new Error('网页版不能扫码，请输入工作人员手机上显示的签到码')
}
