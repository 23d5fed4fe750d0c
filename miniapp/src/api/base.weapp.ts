/**
 * weapp: no same-origin server, so the API base comes from the build (`API_BASE`, see
 * config/index.ts) and relative asset URLs from the server are made absolute against its origin.
 */
export const API_BASE_URL: string = API_BASE.replace(/\/+$/, '')

const ORIGIN = (/^(https?:\/\/[^/]+)/.exec(API_BASE_URL) ?? ['', ''])[1]

export function resolveAssetUrl(url: string): string {
  return url.startsWith('/') ? `${ORIGIN}${url}` : url
}
