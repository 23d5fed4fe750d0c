/**
 * What the walk found (issue 14), in a real browser against the real product: the home page fits
 * 320, 360 and 414 px screens and 关怀模式's 1.5× text (every element's box inside the viewport, touch
 * targets of at least 44 CSS px); H5's title bar goes back, or home without history; an unknown route
 * and a missing wish lead home; a resident finds a branch by searching and the branch's staff see the
 * wish in their review list; the service-hall display shows the board's cards and the wish figures.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { MemberCard, OrgDetail, OrgHit, Page as ListPage, Wish, WishCounts } from '@xianfeng/shared'
import { Api } from './support/api'
import { SCREEN_DIR, chromiumAvailability, launchBrowser, resetScreens, settle } from './support/browser'
import { assertBuilt, startServer, type RunningServer } from './support/server'
import { arrive, button, loginInBrowser, step, until, visible } from './support/ui'

const ROOT_ORG_NAME = '红旗街道党工委'
const COMMUNITY_NAME = '幸福里社区党委'
const BRANCH_NAME = '幸福里社区第一党支部'
const HOME = '/pages/index/index'

const availability = chromiumAvailability()
const describeBrowser = availability.run ? describe : describe.skip

if (!availability.run && availability.failMessage) {
  test('Chromium is installed', () => {
    throw new Error(availability.failMessage)
  })
}

interface Layout {
  width: number
  scale: string
  /** Elements whose box leaves the viewport sideways, or that the page scrolls sideways for. */
  outside: string[]
  /** Text cut off by a box too small for it (not an intended ellipsis). */
  clipped: string[]
  /** Things to tap smaller than 44 × 44 CSS px. */
  small: string[]
  tappable: number
}

/**
 * Measures the page on screen: every element's bounding box against the viewport, boxes that hide
 * their own text, and the size of everything a finger taps (Taro's views with a press state, buttons,
 * inputs, the tab bar and the title bar's buttons).
 */
function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    const roots: HTMLElement[] = [...shown, ...Array.from(document.querySelectorAll<HTMLElement>('.taro-tabbar__tabbar, #taro-navigation-bar'))]
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`
    const seen = (el: HTMLElement) => {
      const s = getComputedStyle(el)
      const r = el.getBoundingClientRect()
      return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0
    }
    const outside: string[] = []
    const clipped: string[] = []
    const small: string[] = []
    let tappable = 0
    for (const root of roots) {
      if (root.scrollWidth > root.clientWidth + 1 && getComputedStyle(root).overflowX !== 'visible') outside.push(`${name(root)} scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`)
      for (const el of [root, ...Array.from(root.querySelectorAll<HTMLElement>('*'))]) {
        if (!seen(el)) continue
        const r = el.getBoundingClientRect()
        if (r.left < -1 || r.right > vw + 1) outside.push(`${name(el)} ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`)
        const s = getComputedStyle(el)
        const hides = (v: string) => v === 'hidden' || v === 'clip'
        const ellipsis = s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none'
        const cutX = hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1
        const cutY = hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1
        if (!ellipsis && el.textContent?.trim() && (cutX || cutY)) {
          clipped.push(`${name(el)} ${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight}`)
        }
        const tap = el.matches('[hover-class], taro-button-core, input, textarea, .weui-tabbar__item, .taro-navigation-bar-back, .taro-navigation-bar-home, .xf-section__action')
        if (tap) {
          tappable++
          if (r.width < 43.5 || r.height < 43.5) small.push(`${name(el)} ${r.width.toFixed(1)}x${r.height.toFixed(1)}`)
        }
      }
    }
    const scale = getComputedStyle(document.documentElement).getPropertyValue('--xf-text-scale').trim() || '1'
    return { width: vw, scale, outside, clipped, small, tappable }
  })
}

describeBrowser('found on the walk, in Chromium against the real server', () => {
  let server: RunningServer
  let browser: Browser
  let api: Api
  let root: OrgDetail
  let community: OrgDetail
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  async function phone(width: number, height = 780): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    ctx.setDefaultTimeout(30_000)
    ctx.setDefaultNavigationTimeout(45_000)
    contexts.push(ctx)
    const page = await ctx.newPage()
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`))
    page.on('response', (r) => {
      if (r.status() >= 500) pageErrors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`)
    })
    return page
  }

  const url = (path: string) => `${server.baseUrl}/#${path}`

  /** A screenshot at the page's own viewport (the shared helper resizes to its 390 px phone). */
  async function shot(page: Page, name: string): Promise<void> {
    await settle(page)
    await page.screenshot({ path: `${SCREEN_DIR}/walk-${name}.png`, caret: 'hide' })
  }

  /** Home as a guest, or signed in as `openid` (from the home page's 登录). */
  async function openHome(page: Page, openid?: string): Promise<void> {
    await page.goto(url(HOME))
    await visible(page, '.xf-tile').first().waitFor()
    if (openid) {
      await visible(page, '.xf-home__login').click()
      await arrive(page, /#\/pages\/login\/index/)
      await loginInBrowser(page, openid)
      await visible(page, '[data-testid=tile-inbox]').waitFor()
    }
    // The organisation tree below the tiles has loaded.
    await visible(page, '.xf-tree__main').first().waitFor()
  }

  /** 我的 → 关怀模式 on, then back to 首页 by the tab bar. */
  async function turnOnCare(page: Page): Promise<void> {
    await visible(page, '.weui-tabbar__item', '我的').click()
    await arrive(page, /#\/pages\/me\/index/)
    const sw = visible(page, '[data-testid=care-switch]')
    await sw.click()
    await until('关怀模式 to be on', async () => (await sw.getAttribute('aria-checked')) === 'true')
    await visible(page, '.weui-tabbar__item', '首页').click()
    await arrive(page, /#\/pages\/index\/index/)
  }

  function expectFits(layout: Layout, what: string): void {
    expect({ what, outside: layout.outside, clipped: layout.clipped, small: layout.small }).toEqual({ what, outside: [], clipped: [], small: [] })
    expect(layout.tappable).toBeGreaterThan(5)
  }

  beforeAll(async () => {
    assertBuilt()
    resetScreens()
    server = await startServer()
    api = new Api(server.baseUrl)
    const found = (await api.rootOrgs()).find((o) => o.name === ROOT_ORG_NAME)
    if (!found) throw new Error(`the demo seed has no ${ROOT_ORG_NAME}`)
    root = found
    const children = await api.call<ListPage<OrgDetail>>('GET', `/orgs/${root.id}/children?limit=100`)
    const c = children.items.find((o) => o.name === COMMUNITY_NAME)
    if (!c) throw new Error(`no ${COMMUNITY_NAME} under ${ROOT_ORG_NAME}`)
    community = c
    browser = await launchBrowser()
  }, 150_000)

  beforeEach(() => {
    pageErrors.length = 0
  })

  afterEach(() => {
    expect(pageErrors).toEqual([])
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await server?.stop()
    process.stdout.write(`\nbrowser test screenshots: ${SCREEN_DIR}\n`)
  }, 60_000)

  test('the home page fits 320, 360 and 414 px screens and 1.5× text at 360 and 320: nothing outside the screen, nothing clipped, targets ≥ 44 px', async () => {
    for (const width of [320, 360, 414]) {
      for (const openid of [undefined, 'demo-member']) {
        const page = await phone(width)
        const who = openid ?? 'guest'
        await step(page, `home-${width}-${who}`, async () => {
          await openHome(page, openid)
          const layout = await measure(page)
          expect(layout.scale).toBe('1')
          expectFits(layout, `home ${width}px ${who}`)
          // Two tiles a row: the grid did collapse into one half-width column below 375 px.
          const tiles = await visible(page, '.xf-home__tiles > .xf-tile').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top))
          expect(tiles[0]).toBe(tiles[1])
          await shot(page, `home-${width}-${who}`)
        })
        if (width === 414) continue
        await step(page, `home-${width}-${who}-care`, async () => {
          await turnOnCare(page)
          const layout = await measure(page)
          expect(layout.scale).toBe('1.5')
          expectFits(layout, `home ${width}px ${who} 关怀模式`)
          // The text really is larger: the tile title at 1.5 times its standard size.
          const size = await visible(page, '.xf-tile__title').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))
          expect(size).toBeCloseTo((40 * 1.5 * width) / 750, 0)
          await shot(page, `home-${width}-${who}-care`)
          // Remembered: a reload keeps it.
          await page.reload()
          await visible(page, '.xf-tile').first().waitFor()
          expect((await measure(page)).scale).toBe('1.5')
        })
      }
    }
  })

  test('H5 has a title bar: back to where you came from, home from a page opened by a link; pinch-zoom is allowed', async () => {
    const page = await phone(360)
    await step(page, 'back', async () => {
      await openHome(page)
      expect(await page.locator('meta[name=viewport]').getAttribute('content')).not.toMatch(/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\D|$)/)
      await visible(page, '[data-testid=tile-wish]').click()
      await arrive(page, (u) => u.hash.includes('/packages/wish/wall/index'))
      await visible(page, '#taro-navigation-bar .taro-navigation-bar-title', '微心愿').waitFor()
      await shot(page, 'titlebar-wall')
      await visible(page, '#taro-navigation-bar .taro-navigation-bar-back').click()
      await arrive(page, /#\/pages\/index\/index/)
    })
    const linked = await phone(360)
    await step(linked, 'home-without-history', async () => {
      await linked.goto(url(`/packages/wish/wall/index?orgId=${encodeURIComponent(community.id)}`))
      await visible(linked, '.xf-wall__org', COMMUNITY_NAME).waitFor()
      expect(await visible(linked, '#taro-navigation-bar .taro-navigation-bar-back').count()).toBe(0)
      const home = visible(linked, '#taro-navigation-bar .taro-navigation-bar-home')
      const box = await home.boundingBox()
      expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(44)
      await home.click()
      await arrive(linked, /#\/pages\/index\/index/)
      await visible(linked, '.xf-tile').first().waitFor()
    })
  })

  test('an unknown route shows a 404 page with the way home; a missing wish offers 返回首页, not only 重新加载', async () => {
    const page = await phone(360)
    await step(page, '404', async () => {
      await page.goto(url('/pages/no-such-page/index'))
      await arrive(page, (u) => u.hash.includes('/pages/not-found/index'))
      await visible(page, '[data-testid=not-found]', '没有找到这个页面').waitFor()
      await shot(page, 'not-found')
      await visible(page, '[data-testid=not-found] .xf-btn', '返回首页').click()
      await arrive(page, /#\/pages\/index\/index/)
      await visible(page, '.xf-tile').first().waitFor()
    })
    const missing = await phone(360)
    await step(missing, 'missing-wish', async () => {
      await missing.goto(url('/packages/wish/detail/index?id=00000000-0000-4000-8000-000000000000'))
      await visible(missing, '[data-testid=go-home]', '返回首页').waitFor()
      expect(await visible(missing, '.xf-state__retry', '重新加载').count()).toBe(0)
      await shot(missing, 'missing-wish')
      await visible(missing, '[data-testid=go-home]').click()
      await arrive(missing, /#\/pages\/index\/index/)
    })
  })

  test('a resident finds a branch by searching, posts a wish there, and the branch\'s staff see it in their review list', async () => {
    const title = `楼道灯坏了请帮忙修 ${String(Date.now() % 100000).padStart(5, '0')}`
    const branch = (await api.call<ListPage<OrgHit>>('GET', `/orgs?q=${encodeURIComponent(BRANCH_NAME)}`)).items.find((o) => o.name === BRANCH_NAME)
    if (!branch) throw new Error(`search did not find ${BRANCH_NAME}`)

    const resident = await phone(360)
    let wish: Wish | null = null
    await step(resident, 'post-from-street-board', async () => {
      // From the street committee's board: the committee itself is not offered, and nothing is chosen for them.
      await resident.goto(url(`/packages/wish/post/index?orgId=${encodeURIComponent(root.id)}`))
      await arrive(resident, (u) => u.hash.includes('/packages/wish/post/index'))
      await button(resident, '.xf-wpost', '登录').click()
      await arrive(resident, /#\/pages\/login\/index/)
      await loginInBrowser(resident, 'demo-resident')
      const targets = visible(resident, '[data-testid=wish-targets] .xf-wpost__option-name')
      await targets.first().waitFor()
      const offered = await targets.allInnerTexts()
      expect(offered).toContain(COMMUNITY_NAME)
      expect(offered).not.toContain(ROOT_ORG_NAME)
      expect(await visible(resident, '.xf-wpost__option--on').count()).toBe(0)
    })
    await step(resident, 'search-branch', async () => {
      const form = visible(resident, '[data-testid=wish-form]')
      await form.locator('input[name=orgQuery]').fill('第一党支部')
      const hit = visible(resident, '[data-testid=wish-target-results] .xf-wpost__option', BRANCH_NAME)
      await hit.waitFor()
      expect(await hit.innerText()).toContain(COMMUNITY_NAME)
      await shot(resident, 'wish-post-search')
      await hit.click()
      expect(await visible(resident, '.xf-wpost__option--on .xf-wpost__option-name').innerText()).toBe(BRANCH_NAME)
      await visible(resident, '[data-testid=category-service]').click()
      await form.locator('input[name=title]').fill(title)
      await form.locator('textarea').fill('三号楼二单元楼道灯不亮，晚上上下楼看不见。')
      const created = resident.waitForResponse((r) => r.url().endsWith('/api/v1/wishes') && r.request().method() === 'POST')
      await button(resident, '[data-testid=wish-form]', '提交心愿').click()
      const res = await created
      expect(res.status()).toBe(201)
      wish = (await res.json()) as Wish
      expect(wish.orgId).toBe(branch.id)
      await visible(resident, '[data-testid=wish-posted]').waitFor()
    })

    const staff = await phone(360)
    await step(staff, 'branch-staff-review-list', async () => {
      await openHome(staff, 'demo-branch')
      await visible(staff, '[data-testid=tile-wish]').click()
      await arrive(staff, (u) => u.hash.includes('/packages/wish/wall/index'))
      await visible(staff, '.xf-wall__org', BRANCH_NAME).waitFor()
      await visible(staff, '.xf-chips__chip', '待审核').click()
      await visible(staff, '[data-testid=wish-card]', title).waitFor()
      await shot(staff, 'wish-branch-review')
    })
  })

  test('the service-hall display shows the board\'s cards one after another, the wish figures and the newest completed wishes', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    contexts.push(ctx)
    const page = await ctx.newPage()
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`))
    const cards = await api.board(community.id)
    const counts = await api.call<WishCounts>('GET', `/orgs/${community.id}/wish-counts`)
    const done = await api.call<ListPage<Wish>>('GET', `/wishes?orgId=${community.id}&status=fulfilled,confirmed&limit=20`)
    expect(cards.length).toBeGreaterThan(1)
    expect(done.items.length).toBeGreaterThan(0)
    const names = new Set(cards.map((c: MemberCard) => c.name))

    await step(page, 'hall', async () => {
      // No login: a fresh browser with no session.
      await page.goto(url(`/packages/display/hall/index?orgId=${encodeURIComponent(community.id)}`))
      await visible(page, '[data-testid=hall-org]', COMMUNITY_NAME).waitFor()
      expect(await visible(page, '[data-testid=hall-fulfilled]').innerText()).toBe(String(counts.fulfilled))
      expect(await visible(page, '[data-testid=hall-open]').innerText()).toBe(String(counts.open))
      expect(await visible(page, '[data-testid=hall-posted]').innerText()).toBe(String(counts.posted))
      const shownDone = await visible(page, '[data-testid=hall-completed-wish] .xf-hall__done-title').allInnerTexts()
      expect(shownDone.length).toBeGreaterThan(0)
      for (const t of shownDone) expect(done.items.map((w) => w.title)).toContain(t)
      const first = await visible(page, '[data-testid=hall-card-name]').innerText()
      expect(names.has(first)).toBe(true)
      // Readable from three metres: no text under 36 px, nothing off the 1080p screen, no title bar.
      const check = await page.evaluate(() => {
        const small: string[] = []
        const outside: string[] = []
        const root = document.querySelector('[data-testid=hall-display]')!
        for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
          const r = el.getBoundingClientRect()
          if (!r.width || !r.height) continue
          if (r.right > window.innerWidth + 1 || r.bottom > window.innerHeight + 1) outside.push(`${el.className} ${r.right}x${r.bottom}`)
          const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim())
          if (own && parseFloat(getComputedStyle(el).fontSize) < 36) small.push(`${el.className} ${getComputedStyle(el).fontSize}`)
        }
        const bar = document.getElementById('taro-navigation-bar')
        return { small, outside, bar: bar ? getComputedStyle(bar).display : 'none' }
      })
      expect(check).toEqual({ small: [], outside: [], bar: 'none' })
      await page.screenshot({ path: `${SCREEN_DIR}/walk-hall-1080p.png` })
      // The next card comes on its own.
      await until('the next card', async () => (await visible(page, '[data-testid=hall-card-name]').innerText()) !== first, 20_000)
      expect(names.has(await visible(page, '[data-testid=hall-card-name]').innerText())).toBe(true)
    })
  })
})
