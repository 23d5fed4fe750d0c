import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { resolveAssetUrl } from '../api/base'
import { describeError } from '../api/errors'
import { uploadImage } from '../api/uploads'
import { ensurePrivacyConsent, isPrivacyRefusal } from '../platform/privacy'
import { PRIVACY_REFUSED_NOTE } from '../platform/privacy-consent'
import { PrivacySheet } from './PrivacySheet'
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
 * Photos are held from public view until WeChat's image check clears them, so the thumbnails show
 * the local file. The privacy consent sheet comes first (weapp: when WeChat asks; H5: once).
 */
export function PhotoPicker({ photos, onChange, max = 9 }: { photos: string[]; onChange: (urls: string[]) => void; max?: number }) {
  const [uploading, setUploading] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [local, setLocal] = useState<Record<string, string>>({})

  const add = async () => {
    if (uploading || photos.length >= max) return
    setError(null)
    if (!(await ensurePrivacyConsent())) {
      setError(PRIVACY_REFUSED_NOTE)
      return
    }
    let paths: string[]
    try {
      const res = await Taro.chooseImage({ count: max - photos.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      paths = res.tempFilePaths.slice(0, max - photos.length)
    } catch (e) {
      if (isPrivacyRefusal(e)) setError(PRIVACY_REFUSED_NOTE)
      return // otherwise: cancelled
    }
    setUploading(paths.length)
    const added: string[] = []
    const previews: Record<string, string> = {}
    for (const p of paths) {
      try {
        const url = await uploadImage(p)
        added.push(url)
        previews[url] = p
      } catch (e) {
        setError(`有照片没有传上去：${describeError(e)}`)
      }
      setUploading((n) => n - 1)
    }
    setLocal((m) => ({ ...m, ...previews }))
    onChange([...photos, ...added])
  }

  return (
    <View className="xf-photos" data-testid="photo-picker">
      {photos.map((u, i) => (
        <View key={u} className="xf-photos__cell">
          <Image className="xf-photos__item" src={local[u] ?? resolveAssetUrl(u)} mode="aspectFill" />
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
      <PrivacySheet />
    </View>
  )
}
