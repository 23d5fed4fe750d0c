/**
 * The encoder core of `qrcode` (no canvas, no DOM): only `create`, which answers the module matrix.
 * The package's main entry pulls in its canvas/PNG renderers, which neither weapp nor this app needs.
 */
declare module 'qrcode/lib/core/qrcode' {
  export interface BitMatrix {
    size: number
    data: Uint8Array
    get(row: number, col: number): number
  }
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { modules: BitMatrix; version: number }
}
