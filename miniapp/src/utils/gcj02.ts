export interface LatLng {
  lat: number
  lng: number
}

// The Krasovsky 1940 ellipsoid GCJ-02 is defined on.
const A = 6378245.0
const EE = 0.006693421622965943

function outsideChina({ lat, lng }: LatLng): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function wave(x: number, y: number, k1: number, k2: number): number {
  return ((k1 * Math.sin(y * Math.PI) + k2 * Math.sin((y / 3) * Math.PI)) * 2) / 3 + ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
}

function shiftLat(x: number, y: number): number {
  const base = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  return base + wave(x, y, 20, 40) + ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
}

function shiftLng(x: number, y: number): number {
  const base = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  return base + wave(x, x, 20, 40) + ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
}

/** GPS (WGS-84) to the GCJ-02 of Chinese maps; outside China the two agree and nothing moves. */
export function wgs84ToGcj02(p: LatLng): LatLng {
  if (outsideChina(p)) return p
  const x = p.lng - 105
  const y = p.lat - 35
  const rad = (p.lat / 180) * Math.PI
  const magic = 1 - EE * Math.sin(rad) * Math.sin(rad)
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (shiftLat(x, y) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  const dLng = (shiftLng(x, y) * 180) / ((A / sqrtMagic) * Math.cos(rad) * Math.PI)
  return { lat: p.lat + dLat, lng: p.lng + dLng }
}

/** Metres between two points (haversine; plenty for a radius of a few hundred metres). */
export function distanceM(a: LatLng, b: LatLng): number {
  const R = 6371000
  const dLat = ((b.lat - a.lat) * Math.PI) / 180
  const dLng = ((b.lng - a.lng) * Math.PI) / 180
  const s = Math.sin(dLat / 2) ** 2 + Math.cos((a.lat * Math.PI) / 180) * Math.cos((b.lat * Math.PI) / 180) * Math.sin(dLng / 2) ** 2
  return 2 * R * Math.asin(Math.sqrt(s))
}
