/**
 * Status tags meet WCAG AA: their text against their own background (4.5:1, the tags are normal-weight
 * text under 18 pt), and, on the red header, the tag against the header's gradient at both ends (3:1,
 * so the tag is seen at all). The colours are read from the stylesheets the app ships.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const SRC = join(__dirname, '..', 'src')
const css = ['app.css', 'packages/wish/tags.css', 'packages/commitment/tags.css'].map((f) => readFileSync(join(SRC, f), 'utf8')).join('\n')

/** The declarations of the rule whose selector list contains `selector` exactly (the last such rule wins). */
function decls(selector: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const selectors = m[1].split(',').map((s) => s.trim())
    if (!selectors.includes(selector)) continue
    for (const d of m[2].split(';')) {
      const [k, ...v] = d.split(':')
      if (k && v.length) out[k.trim()] = v.join(':').trim()
    }
  }
  return out
}

function hex(c: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c.trim())
  if (!m) throw new Error(`not a #rgb or #rrggbb colour: ${c}`)
  const full = m[1].length === 3 ? [...m[1]].map((d) => d + d).join('') : m[1]
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number]
}

function luminance(c: string): number {
  const [r, g, b] = hex(c).map((v) => {
    const s = v / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

const hero = decls('.xf-hero').background
const HERO_STOPS = [...hero.matchAll(/#[0-9a-f]{6}/gi)].map((m) => m[0])
const TONES = ['red', 'gold', 'grey', 'plain']
const TAG_CLASSES = [...TONES.map((t) => `.xf-wstatus--${t}`), ...TONES.map((t) => `.xf-cstatus--${t}`), '.xf-tag--red', '.xf-tag--gold', '.xf-tag--plain']

/** A tag's colours where it stands: the header's own rule for it, else its rule anywhere. */
function colours(tag: string, onHero: boolean): { color: string; background: string } {
  const base = decls(tag)
  const there = onHero ? decls(`.xf-hero ${tag}`) : {}
  return { color: there.color ?? base.color, background: there.background ?? base.background }
}

describe('status tag contrast (WCAG AA)', () => {
  it('knows the red header and the formula', () => {
    expect(HERO_STOPS).toEqual(['#d7182f', '#a50c22'])
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })

  it.each(TAG_CLASSES)('%s: text 4.5:1 on its own background, on white and on the red header', (tag) => {
    for (const onHero of [false, true]) {
      const { color, background } = colours(tag, onHero)
      expect({ tag, onHero, ratio: contrast(color, background) >= 4.5 }).toEqual({ tag, onHero, ratio: true })
    }
  })

  it.each(TAG_CLASSES)('%s: stands out from the red header at both ends of its gradient (3:1)', (tag) => {
    const { background } = colours(tag, true)
    for (const stop of HERO_STOPS) expect({ tag, stop, ok: contrast(background, stop) >= 3 }).toEqual({ tag, stop, ok: true })
  })
})
