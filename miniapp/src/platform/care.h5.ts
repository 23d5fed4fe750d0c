/** 关怀模式 on H5: the scale on <html>, so every page (and NutUI's popups outside pages) follows. */
export function applyTextScale(scale: number): void {
  const root = document.documentElement
  root.style.setProperty('--xf-text-scale', String(scale))
  root.classList.toggle('xf-care', scale > 1)
}

/** A browser does not tell the page WeChat's font size. */
export function systemFontSize(): number | null {
  return null
}
