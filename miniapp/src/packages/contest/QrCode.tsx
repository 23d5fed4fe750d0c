import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { encode } from 'uqr'

/** The dark and light runs of each row of a QR code: a few hundred views instead of one per module. */
export function qrRuns(text: string): { size: number; rows: Array<Array<{ dark: boolean; n: number }>> } {
  const { size, data } = encode(text, { ecc: 'M', border: 2 })
  const rows = data.map((row) => {
    const runs: Array<{ dark: boolean; n: number }> = []
    for (const dark of row) {
      const last = runs[runs.length - 1]
      if (last && last.dark === dark) last.n++
      else runs.push({ dark, n: 1 })
    }
    return runs
  })
  return { size, rows }
}

/**
 * A QR code drawn with plain views (the same on weapp and H5, no canvas): `modulePx` design pixels a
 * module, whole pixels so no seams show between rows.
 */
export function QrCode({ text, modulePx = 8, testid }: { text: string; modulePx?: number; testid?: string }) {
  const { size, rows } = useMemo(() => qrRuns(text), [text])
  const px = (n: number) => Taro.pxTransform(n)
  return (
    <View className="xf-qr" data-testid={testid} aria-label="二维码" style={{ width: px(size * modulePx), height: px(size * modulePx), background: '#fff' }}>
      {rows.map((runs, y) => (
        <View key={y} style={{ display: 'flex', height: px(modulePx) }}>
          {runs.map((r, x) => (
            <View key={x} style={{ flex: 'none', width: px(r.n * modulePx), height: '100%', background: r.dark ? '#000' : '#fff' }} />
          ))}
        </View>
      ))}
    </View>
  )
}
