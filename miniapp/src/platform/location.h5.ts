import Taro from '@tarojs/taro'
import { wgs84ToGcj02, type LatLng } from '../utils/gcj02'

/**
 * A browser only gives GPS coordinates (WGS-84; Taro's H5 getLocation refuses `gcj02`), which sit a
 * few hundred metres off the GCJ-02 map the activity's centre was picked on: shift them first.
 */
export async function currentLocation(): Promise<LatLng> {
  const r = await Taro.getLocation({ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: 10_000 })
  return wgs84ToGcj02({ lat: r.latitude, lng: r.longitude })
}
