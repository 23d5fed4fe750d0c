import Taro from '@tarojs/taro'
import type { LatLng } from '../utils/gcj02'

/** The member's position in GCJ-02 (the coordinates WeChat's maps and the activity's radius use). */
export async function currentLocation(): Promise<LatLng> {
  const r = await Taro.getLocation({ type: 'gcj02' })
  return { lat: r.latitude, lng: r.longitude }
}
