import { taroStub } from '../../test/taro-stub'
import { CARE_SCALE, careChoice, initCare, setCare, textScale } from './care'

beforeEach(() => {
  taroStub.reset()
  document.documentElement.style.removeProperty('--xf-text-scale')
  document.documentElement.classList.remove('xf-care')
})

describe('关怀模式 text scale', () => {
  it('is 1.5× when chosen, 1× when refused, and follows WeChat’s font size until a choice is made', () => {
    expect(textScale('on', null)).toBe(CARE_SCALE)
    expect(textScale('on', 12)).toBe(CARE_SCALE)
    expect(textScale('off', 30)).toBe(1)
    expect(textScale('auto', null)).toBe(1)
    expect(textScale('auto', 17)).toBe(1)
    expect(textScale('auto', 14)).toBe(1)
    expect(textScale('auto', 20)).toBeCloseTo(1.18, 2)
    expect(textScale('auto', 40)).toBe(CARE_SCALE)
    expect(textScale('auto', Number.NaN)).toBe(1)
  })

  it('is remembered in storage and set on the page root (H5: <html>)', () => {
    expect(careChoice()).toBe('auto')
    initCare()
    expect(document.documentElement.style.getPropertyValue('--xf-text-scale')).toBe('1')
    setCare(true)
    expect(careChoice()).toBe('on')
    expect(document.documentElement.style.getPropertyValue('--xf-text-scale')).toBe('1.5')
    expect(document.documentElement.classList.contains('xf-care')).toBe(true)
    setCare(false)
    expect(careChoice()).toBe('off')
    expect(document.documentElement.style.getPropertyValue('--xf-text-scale')).toBe('1')
  })
})
