import { Text, View } from '@tarojs/components'

/** A star rating as ★: `stars` gold of five; none reads 未定星. */
export function StarRow({ stars }: { stars: number }) {
  if (stars <= 0) return <Text className="xf-starboard__none">未定星</Text>
  return (
    <View className="xf-starboard__stars" aria-label={`${stars} 星`}>
      <Text>{'★'.repeat(stars)}</Text>
      <Text className="xf-starboard__stars-off">{'★'.repeat(Math.max(0, 5 - stars))}</Text>
    </View>
  )
}
