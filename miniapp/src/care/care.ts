import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { applyTextScale, systemFontSize } from '../platform/care'

/**
 * 关怀模式 (large text). The person's choice in 我的 is remembered; until they choose, the app follows
 * WeChat's own font-size setting where the platform tells it (weapp), else standard text.
 * Every stylesheet's font-size is multiplied by --xf-text-scale (config/postcss-text-scale.js), so
 * pages follow without knowing about this module.
 */
export type CareChoice = 'auto' | 'on' | 'off'

const KEY = 'xf.care'
/** The scale 关怀模式 turns on: pages are laid out and tested for it at 360 px. */
export const CARE_SCALE = 1.5
/** WeChat's standard font size, in px (getAppBaseInfo().fontSizeSetting). */
const STANDARD_FONT = 17

/**
 * The text scale for a choice and WeChat's font size: 关怀模式 on is 1.5×; off is 1×; 'auto' follows
 * WeChat (its size over the standard 17 px, between 1× and 1.5×).
 */
export function textScale(choice: CareChoice, wechatFontSize: number | null): number {
  if (choice === 'on') return CARE_SCALE
  if (choice === 'off' || !wechatFontSize || !Number.isFinite(wechatFontSize)) return 1
  const s = wechatFontSize / STANDARD_FONT
  return Math.round(Math.min(CARE_SCALE, Math.max(1, s)) * 100) / 100
}

export function careChoice(): CareChoice {
  try {
    const v = Taro.getStorageSync(KEY) as unknown
    return v === 'on' || v === 'off' ? v : 'auto'
  } catch {
    return 'auto'
  }
}

export function currentScale(): number {
  return textScale(careChoice(), systemFontSize())
}

type Listener = (scale: number) => void
const listeners = new Set<Listener>()

/** Applies the remembered choice (at launch, and by the platform on each page where it must). */
export function initCare(): void {
  applyTextScale(currentScale())
}

/** 我的 → 关怀模式: on or off, remembered. */
export function setCare(on: boolean): void {
  Taro.setStorageSync(KEY, on ? 'on' : 'off')
  const scale = currentScale()
  applyTextScale(scale)
  listeners.forEach((l) => l(scale))
}

/** The current scale, re-rendering when it changes. */
export function useTextScale(): number {
  const [scale, setScale] = useState(currentScale)
  useEffect(() => {
    listeners.add(setScale)
    return () => {
      listeners.delete(setScale)
    }
  }, [])
  return scale
}
