import Taro from '@tarojs/taro'
import { requestConsent } from './privacy-consent'

export const AGREE_BUTTON_ID = 'xf-privacy-agree'

/** H5: a plain button; the answer is ours to remember. */
export const AGREE_OPEN_TYPE = undefined

/** Where the browser remembers that the person agreed. */
export const PRIVACY_AGREED_KEY = 'xf.privacy.agreed'

/** H5 has no WeChat privacy check to hook into. */
export function installPrivacyConsent(): void {}

/**
 * H5: the same sheet as on weapp, before the first photo pick; the answer is remembered. Answers
 * whether the person agreed (now or before).
 */
export async function ensurePrivacyConsent(): Promise<boolean> {
  if (Taro.getStorageSync(PRIVACY_AGREED_KEY)) return true
  const agreed = await requestConsent()
  if (agreed) Taro.setStorageSync(PRIVACY_AGREED_KEY, new Date().toISOString())
  return agreed
}

export function isPrivacyRefusal(_err: unknown): boolean {
  return false
}

/** H5: the policy page is ours (pages/privacy). */
export function openPrivacyContract(): void {}
