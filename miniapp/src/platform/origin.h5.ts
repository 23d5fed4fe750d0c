/** H5: where this client is served (QR links and the big screen's address point here). */
export function appOrigin(): string | null {
  return typeof location !== 'undefined' ? `${location.origin}${location.pathname.replace(/\/[^/]*$/, '')}` : null
}
