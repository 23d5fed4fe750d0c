/** Debian's Chromium driven by playwright-core (no browser downloads here), with a phone viewport. */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const SCREEN_DIR = join(tmpdir(), 'xianfeng-e2e-screens')
export const PHONE = { width: 390, height: 844 }

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Whether the browser test can run. Without Chromium: on CI that is a failure (.ci/run installs it),
 * elsewhere a loud warning and the test is skipped.
 */
export function chromiumAvailability(): { run: true } | { run: false; failMessage?: string } {
  if (existsSync(CHROMIUM_PATH)) return { run: true }
  const why = `Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH, or: apt-get install chromium fonts-noto-cjk)`
  if (process.env.CI) return { run: false, failMessage: `browser test cannot run on CI: ${why}` }
  const bar = '!'.repeat(78)
  process.stderr.write(`\n${bar}\n!! browser test skipped: install chromium (apt-get install chromium)\n!! ${why}\n${bar}\n\n`)
  return { run: false }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 60_000 })
}

/** A fresh phone-sized context: its own localStorage, so its own login session. */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  ctx.setDefaultTimeout(30_000)
  ctx.setDefaultNavigationTimeout(45_000)
  return ctx
}

let shotNo = 0

/**
 * Clears the screenshots of earlier runs. Spec files run one after another in this process
 * (maxWorkers 1), so what this process already took is kept and the numbering carries on.
 */
export function resetScreens(): void {
  const startedAt = Date.now() - process.uptime() * 1000
  mkdirSync(SCREEN_DIR, { recursive: true })
  for (const name of readdirSync(SCREEN_DIR)) {
    const file = join(SCREEN_DIR, name)
    if (statSync(file).mtimeMs < startedAt) rmSync(file, { recursive: true, force: true })
  }
  shotNo = readdirSync(SCREEN_DIR).length
}

/**
 * Waits for page transitions to end: while Taro H5 slides a page in or out, two pages are displayed.
 * (Never take screenshots with `animations: 'disabled'`: it cancels Taro's page animations, the
 * `animationend` it waits for never comes, and the router is left with the old page on top.)
 */
export async function settle(page: Page): Promise<void> {
  // The page underneath is hidden on a timer, before the new one has finished sliding in: wait for both.
  await page.waitForFunction(
    () => {
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
      return shown.length === 1 && getComputedStyle(shown[0]).transform === 'none'
    },
    undefined,
    { timeout: 30_000, polling: 100 },
  )
}

/**
 * Screenshot of the whole current page. Taro H5 scrolls inside the page element, not the document,
 * so the viewport is stretched to the page's height for the shot and put back afterwards.
 */
export async function screenshot(page: Page, name: string, opts: { settle?: boolean } = {}): Promise<string> {
  if (opts.settle !== false) await settle(page)
  const file = join(SCREEN_DIR, `${String(++shotNo).padStart(2, '0')}-${name}.png`)
  const height = await page
    .evaluate(() => {
      const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
      const shown = pages[0]
      // A full-page shot starts at the top.
      if (shown) shown.scrollTop = 0
      document.scrollingElement?.scrollTo(0, 0)
      if (!shown) return window.innerHeight
      // Content taller than the page box: grow the window by the overflow (the tab bar keeps its place).
      return window.innerHeight + Math.max(0, shown.scrollHeight - shown.clientHeight)
    })
    .catch(() => PHONE.height)
  const tall = Math.min(Math.max(height, PHONE.height), 16_000)
  if (tall > PHONE.height) await page.setViewportSize({ width: PHONE.width, height: tall })
  try {
    await page.screenshot({ path: file, caret: 'hide' })
  } finally {
    if (tall > PHONE.height) await page.setViewportSize(PHONE)
  }
  return file
}
