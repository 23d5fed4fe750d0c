import { qrRows } from './QrCode'

describe('qrRows', () => {
  const { size, rows } = qrRows('482913')

  test('a short code fits the smallest QR version (21 modules a side)', () => {
    expect(size).toBe(21)
    expect(rows).toHaveLength(21)
  })

  test('the finder patterns are where a scanner looks: a 7-module dark top row in three corners', () => {
    expect(rows[0][0]).toEqual({ start: 0, length: 7 })
    expect(rows[0][rows[0].length - 1]).toEqual({ start: 14, length: 7 })
    expect(rows[20][0]).toEqual({ start: 0, length: 7 })
    // The ring: dark, light, dark 3-wide centre, light, dark.
    expect(rows[3].slice(0, 3)).toEqual([{ start: 0, length: 1 }, { start: 2, length: 3 }, { start: 6, length: 1 }])
  })

  test('runs never overlap or leave the matrix, and another code draws another matrix', () => {
    for (const runs of rows) {
      let end = 0
      for (const r of runs) {
        expect(r.start).toBeGreaterThanOrEqual(end)
        expect(r.length).toBeGreaterThan(0)
        end = r.start + r.length
      }
      expect(end).toBeLessThanOrEqual(size)
    }
    expect(qrRows('482914').rows).not.toEqual(rows)
  })
})
