import { Pages } from '@xianfeng/shared'

/** H5: the QR opens the accept page of this same site, with the code filled in. */
export function inviteLink(code: string): string {
  const { origin, pathname } = window.location
  return `${origin}${pathname}#/${Pages.staffInviteAccept}?code=${encodeURIComponent(code)}`
}

/** H5 has no in-app scanner: the phone's camera opens the QR's link, which fills the code in. */
export const scanInviteCode: (() => Promise<string | null>) | null = null
