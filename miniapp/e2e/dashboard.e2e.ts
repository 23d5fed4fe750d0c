/**
 * 比学赶超 in a real browser against the real product (fresh embedded database, demo seed): the
 * street's staff open 工作台 → 比学赶超 and see the street's figures for the quarter exactly as
 * `/stats` counts them, the ranking of its branches as bars and the monthly trend as a line (both
 * actually drawn: screenshots of the chart regions hold the chart's colours, not a blank box), the
 * page fits 320, 360 and 414 px wide phones, and 导出 Excel 台账 downloads a workbook.
 */
import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { Occasion, OrgStats, Ranking, User } from '@xianfeng/shared'
import { StatsFigureLabels } from '@xianfeng/shared'
import { currentPeriod } from '../src/packages/staff/dashboard/period'
import { figureGroups } from '../src/packages/staff/dashboard/figures'
import { Api } from './support/api'
import { SCREEN_DIR, chromiumAvailability, launchBrowser, phoneContext, resetScreens, screenshot } from './support/browser'
import { assertBuilt, startServer, type RunningServer } from './support/server'
import { arrive, loginInBrowser, step, until, visible } from './support/ui'

const availability = chromiumAvailability()
const describeBrowser = availability.run ? describe : describe.skip

if (!availability.run && availability.failMessage) {
  test('Chromium is installed', () => {
    throw new Error(availability.failMessage)
  })
}

/** Today and days from it in Asia/Shanghai, as the server counts them. */
function shanghaiDay(offset = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The distinct colours of a screenshot, counted in the page (the browser decodes the PNG): pixels
 * are grouped by colour (each channel to 1/8 of its range), near-white background left out. Answers
 * how many groups hold at least `minPixels` pixels, and how many of those are saturated (a bar or a
 * line, not grey axis text).
 */
async function colourGroups(page: Page, png: Buffer, minPixels = 20): Promise<{ groups: number; saturated: number }> {
  return page.evaluate(
    async ({ b64, minPixels }) => {
      const img = new Image()
      img.src = `data:image/png;base64,${b64}`
      await img.decode()
      const c = document.createElement('canvas')
      c.width = img.width
      c.height = img.height
      const ctx = c.getContext('2d')!
      ctx.drawImage(img, 0, 0)
      const { data } = ctx.getImageData(0, 0, c.width, c.height)
      const counts = new Map<number, { n: number; saturated: boolean }>()
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]]
        if (r > 235 && g > 235 && b > 235) continue
        const key = ((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5)
        const e = counts.get(key) ?? { n: 0, saturated: Math.max(r, g, b) - Math.min(r, g, b) > 80 }
        e.n++
        counts.set(key, e)
      }
      const big = [...counts.values()].filter((e) => e.n >= minPixels)
      return { groups: big.length, saturated: big.filter((e) => e.saturated).length }
    },
    { b64: png.toString('base64'), minPixels },
  )
}

describeBrowser('the 比学赶超 dashboard in Chromium against the real server', () => {
  let server: RunningServer
  let browser: Browser
  let api: Api
  let staffToken: string
  let streetId: string
  let streetName: string
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  async function newPhone(): Promise<Page> {
    const ctx = await phoneContext(browser)
    contexts.push(ctx)
    const page = await ctx.newPage()
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`))
    page.on('response', (r) => {
      if (r.status() >= 500) pageErrors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`)
    })
    return page
  }

  /** From the home page through the H5 dev login, back home signed in as `openid`. */
  async function signIn(page: Page, openid: string): Promise<void> {
    await page.goto(`${server.baseUrl}/`)
    await visible(page, '.xf-home__login').click()
    await arrive(page, /#\/pages\/login\/index/)
    await loginInBrowser(page, openid)
  }

  /** Signed in as the street's staff, straight on the dashboard. */
  async function openDashboard(page: Page): Promise<void> {
    await signIn(page, 'demo-secretary')
    await page.goto(`${server.baseUrl}/#/packages/staff/dashboard/index?orgId=${streetId}`)
    await visible(page, '[data-testid=figure-members]').waitFor()
  }

  const chart = (page: Page, name: 'ranking' | 'monthly'): Locator => visible(page, `[data-testid=chart-${name}] canvas`)

  beforeAll(async () => {
    assertBuilt()
    resetScreens()
    server = await startServer()
    api = new Api(server.baseUrl)
    staffToken = await api.login('demo-secretary')
    const staff = await api.call<User>('GET', '/me', { token: staffToken })
    const role = staff.roles.find((r) => r.role === 'staff')
    if (!role || role.role !== 'staff') throw new Error('demo-secretary has no staff role in the seed')
    streetId = role.orgId
    streetName = role.orgName ?? ''

    // Some activity this quarter, in several branches: the street greets everyone with a birthday
    // or political birthday this week (the seed puts some in every branch), so the branches' scores differ.
    const week = await api.call<Occasion[]>('GET', `/orgs/${streetId}/occasions?from=${shanghaiDay()}&to=${shanghaiDay(6)}`, { token: staffToken })
    const items = week.filter((o) => (o.kind === 'birthday' || o.kind === 'political_birthday') && !o.greeting).map((o) => ({ memberId: o.memberId, kind: o.kind as 'birthday' | 'political_birthday' }))
    expect(items.length).toBeGreaterThan(2)
    await api.call('POST', '/greetings/batch', { token: staffToken, body: { items } })
    browser = await launchBrowser()
  }, 150_000)

  beforeEach(() => {
    pageErrors.length = 0
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await server?.stop()
    process.stdout.write(`\nbrowser test screenshots: ${SCREEN_DIR}\n`)
  }, 60_000)

  test('street staff see the quarter’s figures as /stats counts them, and both charts drawn', async () => {
    const page = await newPhone()
    const quarter = currentPeriod('quarter', shanghaiDay())
    const stats = await api.call<OrgStats>('GET', `/orgs/${streetId}/stats?from=${quarter.from}&to=${quarter.to}`)
    const ranking = await api.call<Ranking>('GET', `/orgs/${streetId}/ranking?from=${quarter.from}&to=${quarter.to}`, { token: staffToken })
    expect(stats.greetings.sent).toBeGreaterThan(0)
    expect(ranking.items.length).toBeGreaterThan(1)

    await step(page, 'open-dashboard', async () => {
      await signIn(page, 'demo-secretary')
      await visible(page, '[data-testid=tile-staff]').click()
      await arrive(page, /#\/packages\/staff\/index\/index/)
      await visible(page, '[data-testid=staff-tool-dashboard]').click()
      await arrive(page, /#\/packages\/staff\/dashboard\/index/)
      if (streetName) await visible(page, '.xf-staff__org-name', streetName).waitFor()
      await visible(page, '[data-testid=figure-members]').waitFor()
    })

    await step(page, 'figures', async () => {
      // 本季度 is the default period, and the caption names it.
      expect(await visible(page, '[data-testid=period-quarter]').getAttribute('aria-checked')).toBe('true')
      const [, qm, qd] = quarter.from.split('-').map(Number)
      expect(await visible(page, '[data-testid=period-text]').innerText()).toContain(`${qm}月${qd}日`)
      const expected = figureGroups(stats).flatMap((g) => g.figures)
      expect(expected).toHaveLength(Object.keys(StatsFigureLabels).length)
      for (const f of expected) {
        const tile = visible(page, `[data-testid=figure-${f.key}]`)
        expect(await tile.locator('[data-testid=figure-value]').innerText()).toBe(f.text)
        expect(await tile.innerText()).toContain(StatsFigureLabels[f.key])
      }
      // The raw numbers, not only our formatting of them.
      expect(await visible(page, '[data-testid=figure-members] [data-testid=figure-value]').innerText()).toBe(String(stats.members))
      expect(await visible(page, '[data-testid=figure-greetingsSent] [data-testid=figure-value]').innerText()).toBe(String(stats.greetings.sent))
      // The ranking list under the chart: every branch, in the server's order, with its score.
      const rows = visible(page, '[data-testid=ranking-row]')
      await until('the ranking rows', async () => (await rows.count()) === ranking.items.length)
      for (const [i, item] of ranking.items.entries()) {
        const text = await rows.nth(i).innerText()
        expect(text).toContain(item.name)
        expect(text).toContain(item.score.toFixed(1))
      }
    })

    for (const name of ['ranking', 'monthly'] as const) {
      await step(page, `chart-${name}`, async () => {
        const canvas = chart(page, name)
        await canvas.waitFor()
        await canvas.scrollIntoViewIfNeeded()
        // Drawn means colours: bars or lines in the series colours besides the axis text.
        const seen = await until(`the ${name} chart to be drawn`, async () => {
          const c = await colourGroups(page, await canvas.screenshot())
          return c.groups >= 4 && c.saturated >= 2 ? c : null
        })
        expect(seen.groups).toBeGreaterThanOrEqual(4)
        await canvas.screenshot({ path: `${SCREEN_DIR}/dashboard-chart-${name}.png` })
      })
    }
    await screenshot(page, 'dashboard-390')
    expect(pageErrors).toEqual([])
  })

  test('自定义 shows the figures of the custom period', async () => {
    const page = await newPhone()
    await openDashboard(page)

    await step(page, 'custom', async () => {
      const month = currentPeriod('month', shanghaiDay())
      const stats = await api.call<OrgStats>('GET', `/orgs/${streetId}/stats?from=${month.from}&to=${month.to}`)
      await visible(page, '[data-testid=period-custom]').click()
      await visible(page, '[data-testid=custom-period]').waitFor()
      // A custom period starts as this month up to today, and the figures follow it.
      await until('this month on screen', async () => (await visible(page, '[data-testid=period-text]').innerText()).startsWith(`${month.from.slice(0, 4)}年${Number(month.from.slice(5, 7))}月1日`))
      await until('this month’s figures on screen', async () =>
        (await visible(page, '[data-testid=figure-greetingsSent] [data-testid=figure-value]').innerText()) === String(stats.greetings.sent) &&
        (await visible(page, '[data-testid=figure-members] [data-testid=figure-value]').innerText()) === String(stats.members),
      )
      await screenshot(page, 'dashboard-custom')
    })
    expect(pageErrors).toEqual([])
  })

  test('the dashboard fits 320, 360 and 414 px wide phones', async () => {
    const page = await newPhone()
    await signIn(page, 'demo-secretary')
    for (const width of [320, 360, 414]) {
      await step(page, `width-${width}`, async () => {
        await page.setViewportSize({ width, height: 844 })
        await page.goto(`${server.baseUrl}/#/packages/staff/dashboard/index?orgId=${streetId}&w=${width}`)
        await page.reload()
        await chart(page, 'monthly').waitFor()
        await chart(page, 'ranking').waitFor()
        // Nothing wider than the screen: no sideways scrolling, no chart cut off.
        const overflow = await page.evaluate(() => {
          const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((p) => getComputedStyle(p).display !== 'none')
          const widest = Math.max(...Array.from(shown?.querySelectorAll<HTMLElement>('canvas, .xf-dash__figure, .xf-chip, .xf-btn') ?? []).map((e) => e.getBoundingClientRect().right))
          return { scroll: shown ? shown.scrollWidth - shown.clientWidth : 0, widest }
        })
        expect(overflow.scroll).toBeLessThanOrEqual(0)
        expect(overflow.widest).toBeLessThanOrEqual(width)
        // Touch targets at least 44 px high.
        for (const sel of ['[data-testid=period-month]', '[data-testid=export-ledger]', '[data-testid=open-ranking-settings]']) {
          const box = await visible(page, sel).boundingBox()
          expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
        }
        await screenshotAt(page, width, `dashboard-${width}`)
      })
    }
    expect(pageErrors).toEqual([])
  })

  test('导出 Excel 台账 downloads the quarter’s workbook', async () => {
    const quarter = currentPeriod('quarter', shanghaiDay())
    const page = await newPhone()
    await openDashboard(page)

    const [download] = await Promise.all([page.waitForEvent('download'), visible(page, '[data-testid=export-ledger]').click()])
    expect(download.suggestedFilename()).toBe(`工作台账-${streetName}-${quarter.from}至${quarter.to}.xlsx`)
    const file = await download.path()
    const bytes = readFileSync(file)
    // An .xlsx is a zip: it starts with PK.
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
    expect(bytes.length).toBeGreaterThan(1000)
    expect(pageErrors).toEqual([])
  })

  // Last: it changes the street's weights, which the ranking above depends on.
  test('the street sets its ranking weights; a branch under it sees them 继承自上级', async () => {
    const page = await newPhone()
    await openDashboard(page)

    await step(page, 'street-weights', async () => {
      await visible(page, '[data-testid=open-ranking-settings]').click()
      await arrive(page, /#\/packages\/staff\/ranking-settings\/index/)
      const field = visible(page, '[data-testid=weight-serviceMinutes] input')
      await field.waitFor()
      expect(await visible(page, '[data-testid=inherited]').count()).toBe(0)
      for (const label of ['践诺', '心愿完成', '政治生日关怀', '评议均分', '服务时长']) await visible(page, '.xf-field__label', label).waitFor()
      await field.fill('150')
      await visible(page, '.xf-rsettings taro-button-core', '保存权重').click()
      await visible(page, '[data-testid=weight-serviceMinutes] .xf-field__error', '不能超过 100').waitFor()
      await field.fill('35')
      await visible(page, '.xf-rsettings taro-button-core', '保存权重').click()
      await until('the weights saved', async () => {
        const s = await api.call<{ weights: { serviceMinutes: number } }>('GET', `/orgs/${streetId}/ranking-settings`, { token: staffToken })
        return s.weights.serviceMinutes === 35
      })
      await screenshot(page, 'ranking-settings-street')
    })

    const branch = await newPhone()
    await step(branch, 'branch-inherits', async () => {
      await signIn(branch, 'demo-branch')
      const me = await api.call<User>('GET', '/me', { token: await api.login('demo-branch') })
      const role = me.roles.find((r) => r.role === 'staff')
      if (!role || role.role !== 'staff') throw new Error('demo-branch has no staff role in the seed')
      await branch.goto(`${server.baseUrl}/#/packages/staff/ranking-settings/index?orgId=${role.orgId}`)
      await visible(branch, '[data-testid=inherited]', streetName).waitFor()
      expect(await visible(branch, '[data-testid=inherited]').innerText()).toContain('继承自上级')
      expect(await visible(branch, '[data-testid=weight-serviceMinutes] input').inputValue()).toBe('35')
      await screenshot(branch, 'ranking-settings-inherited')
    })
    expect(pageErrors).toEqual([])
  })
})

/** A full-length screenshot at the current width (the page scrolls inside Taro's page element). */
async function screenshotAt(page: Page, width: number, name: string): Promise<void> {
  const height = await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((p) => getComputedStyle(p).display !== 'none')
    return shown ? Math.max(window.innerHeight, shown.scrollHeight) : window.innerHeight
  })
  await page.setViewportSize({ width, height: Math.min(height, 8000) })
  await page.screenshot({ path: `${SCREEN_DIR}/${name}.png` })
  await page.setViewportSize({ width, height: 844 })
}
