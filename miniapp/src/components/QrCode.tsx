import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { create } from 'qrcode/lib/core/qrcode'
import { useMemo } from 'react'

/** One dark stretch of a QR row: `start` and `length` in modules. */
export interface Run {
  start: number
  length: number
}

export interface QrRows {
  /** Modules per side, without the quiet zone. */
  size: number
  /** Each row's dark runs, top to bottom. */
  rows: Run[][]
}

/** Light modules around the code that scanners need to find its edge. */
const QUIET = 4

/**
 * The QR code of `text` as dark runs per row. Level M survives the glare of a phone screen held up in
 * a room better than L.
 */
export function qrRows(text: string): QrRows {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  const { size } = modules
  const rows: Run[][] = []
  for (let r = 0; r < size; r++) {
    const runs: Run[] = []
    let start = -1
    for (let c = 0; c <= size; c++) {
      const dark = c < size && modules.get(r, c) === 1
      if (dark && start < 0) start = c
      if (!dark && start >= 0) {
        runs.push({ start, length: c - start })
        start = -1
      }
    }
    rows.push(runs)
  }
  return { size, rows }
}

/**
 * A QR code drawn with plain views, one per dark run of a row (a few hundred, no canvas, no image), so
 * it is the same on weapp and H5 and crisp at any size. `side` is the width with the quiet zone: in
 * design px (scaled like the rest of the page), or with `screenPx` in screen px, where each module
 * gets a whole number of pixels so rows meet without hairline gaps (a code held up to be scanned).
 */
export function QrCode({ text, side, screenPx = false, testid, label = '二维码' }: { text: string; side: number; screenPx?: boolean; testid?: string; label?: string }) {
  const qr = useMemo(() => qrRows(text), [text])
  const modules = qr.size + 2 * QUIET
  const cell = screenPx ? Math.max(2, Math.floor(side / modules)) : side / modules
  const unit = (n: number) => (screenPx ? `${n}px` : Taro.pxTransform(n))
  return (
    <View
      className="xf-qr"
      data-testid={testid}
      aria-label={label}
      style={{ width: unit(cell * modules), height: unit(cell * modules), padding: unit(cell * QUIET), boxSizing: 'border-box', background: '#fff' }}
    >
      {qr.rows.map((runs, r) => (
        <View key={r} style={{ position: 'relative', height: unit(cell) }}>
          {runs.map((run) => (
            <View key={run.start} style={{ position: 'absolute', top: 0, left: unit(run.start * cell), width: unit(run.length * cell), height: unit(cell), background: '#000' }} />
          ))}
        </View>
      ))}
    </View>
  )
}
