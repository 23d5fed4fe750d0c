import { View } from '@tarojs/components'
import { useMemo } from 'react'
import { qrRows } from '../qr'

/** Light modules around the code that scanners need to find its edge. */
const QUIET = 4

/**
 * A QR code drawn with plain views (one per dark run of a row), so it is the same on weapp and H5
 * with no canvas. `width` is in screen px; each module gets a whole number of px so rows meet
 * without hairline gaps.
 */
export function QrCode({ text, width }: { text: string; width: number }) {
  const qr = useMemo(() => qrRows(text), [text])
  const cell = Math.max(2, Math.floor(width / (qr.size + 2 * QUIET)))
  const side = cell * (qr.size + 2 * QUIET)
  return (
    <View className="xf-qr" style={{ width: `${side}px`, height: `${side}px`, padding: `${cell * QUIET}px`, boxSizing: 'border-box', background: '#fff' }} data-testid="checkin-qr">
      {qr.rows.map((runs, r) => (
        <View key={r} style={{ position: 'relative', height: `${cell}px` }}>
          {runs.map((run) => (
            <View
              key={run.start}
              style={{ position: 'absolute', top: 0, left: `${run.start * cell}px`, width: `${run.length * cell}px`, height: `${cell}px`, background: '#000' }}
            />
          ))}
        </View>
      ))}
    </View>
  )
}
