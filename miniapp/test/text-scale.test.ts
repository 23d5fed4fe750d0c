/** The stylesheet side of 关怀模式: every font-size follows --xf-text-scale, once, and keywords stay. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { scaled } = require('../config/postcss-text-scale.js') as { scaled: (v: string) => string | null }

describe('postcss text scale', () => {
  it('multiplies lengths and variables by the scale', () => {
    expect(scaled('34px')).toBe('calc(34px * var(--xf-text-scale, 1))')
    expect(scaled('1.7rem')).toBe('calc(1.7rem * var(--xf-text-scale, 1))')
    expect(scaled('var(--nutui-font-size-base)')).toBe('calc(var(--nutui-font-size-base) * var(--xf-text-scale, 1))')
    expect(scaled('17PX !important')).toBe('calc(17PX * var(--xf-text-scale, 1)) !important')
  })

  it('leaves what already follows its parent, and what it scaled before', () => {
    for (const v of ['inherit', 'small', 'larger', '80%', '1.2em', 'calc(2px * var(--xf-text-scale, 1))']) expect(scaled(v)).toBeNull()
  })
})
