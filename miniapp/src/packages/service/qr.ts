import { create } from 'qrcode/lib/core/qrcode'

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

/**
 * The QR code of `text` as dark runs per row. Drawn as one view per run (a few hundred plain views,
 * no canvas), it renders the same on weapp and H5 and stays crisp at any size. Level M survives the
 * glare of a phone screen held up in a room better than L.
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
