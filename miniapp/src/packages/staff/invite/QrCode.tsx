import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { create } from 'qrcode'
import { useMemo } from 'react'

/**
 * A QR code drawn with plain views (rows of dark runs), so it looks the same on weapp and H5 with
 * no canvas and no image: `size` is the side in design px, the quiet zone included.
 */
export function QrCode({ text, size = 400 }: { text: string; size?: number }) {
  const rows = useMemo(() => {
    const m = create(text, { errorCorrectionLevel: 'M' }).modules
    const out: Array<Array<{ dark: boolean; n: number }>> = []
    for (let r = 0; r < m.size; r++) {
      const runs: Array<{ dark: boolean; n: number }> = []
      for (let c = 0; c < m.size; c++) {
        const dark = !!m.get(r, c)
        const last = runs[runs.length - 1]
        if (last && last.dark === dark) last.n++
        else runs.push({ dark, n: 1 })
      }
      out.push(runs)
    }
    return out
  }, [text])
  const quiet = 4
  const cell = size / (rows.length + quiet * 2)
  const px = (n: number) => Taro.pxTransform(n)
  return (
    <View className="xf-qr" style={{ width: px(size), padding: px(cell * quiet), boxSizing: 'border-box', background: '#fff' }} data-testid="invite-qr" aria-label="邀请二维码">
      {rows.map((runs, r) => (
        <View key={r} style={{ display: 'flex', height: px(cell) }}>
          {runs.map((run, i) => (
            <View key={i} style={{ width: px(cell * run.n), height: px(cell), background: run.dark ? '#000' : '#fff' }} />
          ))}
        </View>
      ))}
    </View>
  )
}
