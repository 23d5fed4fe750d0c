import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { resolveAssetUrl } from '../api/base'
import './Avatar.css'

interface Props {
  name: string
  photoUrl?: string | null
  size?: 'md' | 'lg'
}

/** The member's photo, or — without one, or if it fails to load — the first character of the name. */
export function Avatar({ name, photoUrl, size = 'md' }: Props) {
  const [failed, setFailed] = useState(false)
  const cls = `xf-avatar xf-avatar--${size}`
  if (photoUrl && !failed) {
    return (
      <Image
        className={cls}
        src={resolveAssetUrl(photoUrl)}
        mode="aspectFill"
        onError={() => setFailed(true)}
        aria-label={`${name}的照片`}
      />
    )
  }
  return (
    <View className={`${cls} xf-avatar--initial`} aria-label={`${name}的头像`}>
      <Text className="xf-avatar__initial">{Array.from(name.trim())[0] ?? '?'}</Text>
    </View>
  )
}
