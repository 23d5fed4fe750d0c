import { API_BASE_URL } from '../api/base'

/** H5: a plain QR code of the card's web address (a browser cannot open mini-program codes). */
export function cardCodeUrl(memberId: string): string {
  return `${API_BASE_URL}/members/${encodeURIComponent(memberId)}/card-qr.svg`
}
