/**
 * weapp: the H5 client is served by the API server, so its origin is the API's. Links built from it
 * (the judge QR, the big screen) open in any phone's browser; the judge pad parses the same link when
 * scanned inside WeChat.
 */
export function appOrigin(): string | null {
  return (/^(https?:\/\/[^/]+)/.exec(API_BASE) ?? [null, null])[1]
}
