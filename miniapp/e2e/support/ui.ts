/** Small page helpers for browser specs (what a person sees and taps in the H5 client). */
import type { Locator, Page } from 'playwright-core'
import { screenshot, settle } from './browser'

/** The text of the page on screen (Taro keeps earlier pages in the DOM, hidden: innerText skips them). */
export function screenText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText)
}

export function visible(page: Page, selector: string, hasText?: string | RegExp): Locator {
  return page.locator(selector, hasText === undefined ? undefined : { hasText }).filter({ visible: true })
}

/** NutUI buttons: the clickable element is `taro-button-core`. `scope` is the page's root class. */
export function button(page: Page, scope: string, text: string | RegExp): Locator {
  return visible(page, `${scope} taro-button-core`, text)
}

/** Waits for the route, then for the page transition to end (so only the new page is on screen). */
export async function arrive(page: Page, url: RegExp | ((u: URL) => boolean)): Promise<void> {
  await page.waitForURL(url)
  await settle(page)
}

/** Waits until `fn` returns a truthy value, retrying; fails with `what` after `ms`. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms
  let last: unknown
  for (;;) {
    try {
      const v = await fn()
      if (v) return v
    } catch (e) {
      last = e
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((r) => setTimeout(r, 150))
  }
}

/** Runs a step; on failure saves a screenshot and the screen text next to the others. */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    const file = await screenshot(page, `FAILED-${name}`, { settle: false }).catch(() => '(no screenshot)')
    const text = await screenText(page).catch(() => '')
    const err = e instanceof Error ? e : new Error(String(e))
    err.message = `[${name}] ${err.message}\n  url: ${page.url()}\n  screenshot: ${file}\n  screen text:\n${text.slice(0, 1500)}`
    throw err
  }
}

/** On the login page (H5 dev login): signs in as `openid` and waits to be sent back. */
export async function loginInBrowser(page: Page, openid: string): Promise<void> {
  await visible(page, 'input[name=openid]').waitFor()
  await visible(page, 'input[name=openid]').fill(openid)
  // The button is disabled until the page has re-rendered with the typed openid; a click before that
  // does nothing (Playwright's "enabled" check does not see a custom element's disabled state).
  await button(page, '.xf-login', '登录').and(page.locator(':not(.nut-button-disabled)')).click()
  await arrive(page, (u) => !u.hash.includes('/pages/login/'))
}
