import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { resolveAssetUrl } from '../api/base'
import { describeError } from '../api/errors'
import { uploadImage } from '../api/uploads'
import './Photos.css'

/** Photos in a grid of thumbnails; tap one to see them full size. */
export function PhotoGrid({ photos }: { photos: string[] }) {
  if (photos.length === 0) return null
  const urls = photos.map(resolveAssetUrl)
  return (
    <View className="xf-photos" data-testid="photo-grid">
      {urls.map((u) => (
        <Image
          key={u}
          className="xf-photos__item"
          src={u}
          mode="aspectFill"
          onClick={() => Taro.previewImage({ urls, current: u }).catch(() => undefined)}
        />
      ))}
    </View>
  )
}

/**
 * Adds up to `max` photos: chosen from the album or taken with the camera (Taro.chooseImage, which
 * on H5 opens the browser's file picker), each uploaded with POST /uploads as soon as it is chosen.
 */
export function PhotoPicker({ photos, onChange, max = 9 }: { photos: string[]; onChange: (urls: string[]) => void; max?: number }) {
  const [uploading, setUploading] = useState(0)
  const [error, setError] = useState<string | null>(null)

  const add = async () => {
    if (uploading || photos.length >= max) return
    setError(null)
    let paths: string[]
    try {
      const res = await Taro.chooseImage({ count: max - photos.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      paths = res.tempFilePaths.slice(0, max - photos.length)
    } catch {
      return // cancelled
    }
    setUploading(paths.length)
    const added: string[] = []
    for (const p of paths) {
      try {
        added.push(await uploadImage(p))
      } catch (e) {
        setError(`有照片没有传上去：${describeError(e)}`)
      }
      setUploading((n) => n - 1)
    }
    onChange([...photos, ...added])
  }

  return (
    <View className="xf-photos" data-testid="photo-picker">
      {photos.map((u, i) => (
        <View key={u} className="xf-photos__cell">
          <Image className="xf-photos__item" src={resolveAssetUrl(u)} mode="aspectFill" />
          <Text className="xf-photos__remove" aria-label="删除照片" onClick={() => onChange(photos.filter((_, j) => j !== i))}>
            ×
          </Text>
        </View>
      ))}
      {photos.length < max ? (
        <View className="xf-photos__add" hoverClass="xf-pressed" onClick={add}>
          <Text className="xf-photos__plus">{uploading ? '…' : '＋'}</Text>
          <Text className="xf-photos__add-text">{uploading ? '正在上传' : '添加照片'}</Text>
        </View>
      ) : null}
      {error ? <Text className="xf-field__error xf-photos__error">{error}</Text> : null}
    </View>
  )
}
