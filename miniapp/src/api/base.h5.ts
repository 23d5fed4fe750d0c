/**
 * H5: the server serves this build and the API from one origin, so the base is a relative path and
 * relative asset URLs (`/uploads/…`) already point at the right host.
 */
export const API_BASE_URL = '/api/v1'

export function resolveAssetUrl(url: string): string {
  return url
}
