import Taro from '@tarojs/taro'
import { Pages, pageLink } from '@xianfeng/shared'

/**
 * weapp: a web URL in a QR does not open the mini-program, so the QR carries the page link and the
 * accept page reads it with 扫一扫 (Taro.scanCode) inside the mini-program; the code is also shown to type.
 */
export function inviteLink(code: string): string {
  return pageLink(Pages.staffInviteAccept, { code })
}

/** 扫一扫 inside the mini-program: the code from an invitation QR (its page link), or null. */
export async function scanInviteCode(): Promise<string | null> {
  const r = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] }).catch(() => null)
  const m = r?.result ? /[?&]code=([^&#]+)/.exec(r.result) : null
  return m ? decodeURIComponent(m[1]) : null
}
