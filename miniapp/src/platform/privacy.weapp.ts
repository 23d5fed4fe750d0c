import Taro from '@tarojs/taro'
import { requestConsent } from './privacy-consent'

/** The agree button's id: WeChat wants it back in resolve({ buttonId, event: 'agree' }). */
export const AGREE_BUTTON_ID = 'xf-privacy-agree'

/** weapp: the agree button is WeChat's own (open-type agreePrivacyAuthorization). */
export const AGREE_OPEN_TYPE = 'agreePrivacyAuthorization' as const

type Resolve = (res: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void

let installed = false

/**
 * Once, at app start: when a privacy-related API (chooseMedia, getLocation, scanCode, …) needs
 * consent, WeChat calls this handler; it shows our sheet and tells WeChat the answer. Refusing makes
 * the API call fail (errno 104), which the caller turns into a note of what the person can still do.
 */
export function installPrivacyConsent(): void {
  if (installed) return
  const on = (Taro as unknown as { onNeedPrivacyAuthorization?: (cb: (resolve: Resolve) => void) => void }).onNeedPrivacyAuthorization
  if (typeof on !== 'function') return // base library before 2.32.3: no privacy check
  installed = true
  on((resolve) => {
    void requestConsent().then((agreed) => resolve(agreed ? { buttonId: AGREE_BUTTON_ID, event: 'agree' } : { event: 'disagree' }))
  })
}

/** weapp: nothing to ask up front — WeChat asks through the handler above when an API needs it. */
export async function ensurePrivacyConsent(): Promise<boolean> {
  return true
}

/** A failed API call that failed because the person has not agreed to the privacy guide. */
export function isPrivacyRefusal(err: unknown): boolean {
  const e = err as { errno?: unknown; errMsg?: unknown } | null
  return e?.errno === 104 || (typeof e?.errMsg === 'string' && /privacy/i.test(e.errMsg))
}

/** Opens WeChat's own view of the mini-program's privacy guide (as written in the console). */
export function openPrivacyContract(): void {
  const open = (Taro as unknown as { openPrivacyContract?: (o: object) => Promise<unknown> }).openPrivacyContract
  if (typeof open === 'function') void open({}).catch(() => undefined)
}
