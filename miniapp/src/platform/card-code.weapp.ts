import { API_BASE_URL } from '../api/base'

/** weapp: the member's mini-program code (wxacode), which WeChat's scanner opens in the app. */
export function cardCodeUrl(memberId: string): string {
  return `${API_BASE_URL}/members/${encodeURIComponent(memberId)}/wxacode`
}
