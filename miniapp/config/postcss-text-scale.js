/**
 * 关怀模式 for every page, present and future: each `font-size` in any stylesheet (ours, NutUI's,
 * Taro's) becomes `calc(<size> * var(--xf-text-scale, 1))`, so one variable on the root scales all
 * text while boxes keep their width. The client sets the variable (src/care/): on <html> on H5, on
 * each page's root on weapp.
 *
 * Sizes that are keywords, percentages or em/rem-relative to the parent are left alone: they already
 * follow a scaled parent, and scaling them again would compound.
 */
const SKIP = /^(inherit|initial|unset|revert|revert-layer|smaller|larger|xx-small|x-small|small|medium|large|x-large|xx-large|xxx-large)$/i
const RELATIVE = /^[\d.]+(%|em)$/i

function scaled(value) {
  const v = value.trim()
  if (!v || SKIP.test(v) || RELATIVE.test(v) || v.includes('--xf-text-scale')) return null
  const important = /\s*!important$/i.exec(v)
  const core = important ? v.slice(0, important.index) : v
  return `calc(${core} * var(--xf-text-scale, 1))${important ? ' !important' : ''}`
}

module.exports = () => ({
  postcssPlugin: 'xianfeng-text-scale',
  Declaration: {
    'font-size'(decl) {
      const next = scaled(decl.value)
      if (next) decl.value = next
    },
  },
})
module.exports.postcss = true
module.exports.scaled = scaled
