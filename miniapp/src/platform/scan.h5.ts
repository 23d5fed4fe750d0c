/**
 * In a browser wx.scanCode needs WeChat's JSSDK, which this H5 build does not load: the member types
 * the code shown under the organiser's QR instead.
 */
export const SCAN_SUPPORTED = false

export async function scanCode(): Promise<string | null> {
  throw new Error('网页版不能扫码，请输入工作人员手机上显示的签到码')
}
