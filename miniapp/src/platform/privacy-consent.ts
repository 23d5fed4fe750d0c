/**
 * The one open question "may we use privacy-related APIs?" and who answers it: the platform files
 * ask (weapp: WeChat's onNeedPrivacyAuthorization; H5: before the first photo pick), the
 * PrivacySheet shows it and answers. At most one question is open; asking again while one is open
 * shares its answer.
 */
type Listener = (open: boolean) => void

let pending: Promise<boolean> | null = null
let settle: ((agreed: boolean) => void) | null = null
const listeners = new Set<Listener>()

/** Opens the sheet (if one is mounted) and resolves with the person's answer; false when no sheet can ask. */
export function requestConsent(): Promise<boolean> {
  if (pending) return pending
  if (listeners.size === 0) return Promise.resolve(false)
  pending = new Promise<boolean>((resolve) => {
    settle = resolve
  })
  listeners.forEach((l) => l(true))
  return pending
}

/** The sheet's answer. */
export function answerConsent(agreed: boolean): void {
  const done = settle
  pending = null
  settle = null
  listeners.forEach((l) => l(false))
  done?.(agreed)
}

export function isConsentOpen(): boolean {
  return pending !== null
}

/** The sheet subscribes while mounted; answers the unsubscribe. */
export function onConsentRequest(listener: Listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
    // The last sheet went away with a question open: nobody can agree now.
    if (listeners.size === 0 && pending) answerConsent(false)
  }
}

/** What the photo picker says when the person did not agree. */
export const PRIVACY_REFUSED_NOTE = '未同意隐私保护指引，无法选择照片。您仍可以只填写文字提交；如需添加照片，请再次点击并同意。'
