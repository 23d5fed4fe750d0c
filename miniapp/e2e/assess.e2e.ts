/**
 * 评星定级 and 民主评议 pages in Chromium against the real server: the street's staff create a
 * scheme in the editor, start it (the scheme is then shown read-only), give a branch a superior score
 * on its sheet, and see the total and stars in the results; a resident reviews a member on the
 * member's review page. Every page fits 320, 360 and 414 px wide phones (screenshots of each).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Assessment, AssessmentResult, Board, Org, Page as ListPage, User } from '@xianfeng/shared'
import { Api } from './support/api'
import { SCREEN_DIR, chromiumAvailability, launchBrowser, phoneContext, resetScreens, screenshot } from './support/browser'
import { assertBuilt, startServer, type RunningServer } from './support/server'
import { arrive, button, loginInBrowser, step, until, visible } from './support/ui'

const availability = chromiumAvailability()
const describeBrowser = availability.run ? describe : describe.skip

if (!availability.run && availability.failMessage) {
  test('Chromium is installed', () => {
    throw new Error(availability.failMessage)
  })
}

describeBrowser('评星定级 and 民主评议 pages in Chromium against the real server', () => {
  let server: RunningServer
  let browser: Browser
  let api: Api
  let staffToken: string
  let streetId: string
  let assessmentId: string
  let memberId: string
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

  async function signIn(page: Page, openid: string): Promise<void> {
    await page.goto(`${server.baseUrl}/`)
    await visible(page, '.xf-home__login').click()
    await arrive(page, /#\/pages\/login\/index/)
    await loginInBrowser(page, openid)
  }

  async function confirmModal(page: Page): Promise<void> {
    await visible(page, '.taro__modal .taro-model__confirm').click()
  }

  beforeAll(async () => {
    assertBuilt()
    resetScreens()
    server = await startServer()
    api = new Api(server.baseUrl)
    staffToken = await api.login('demo-secretary')
    const staff = await api.call<User>('GET', '/me', { token: staffToken })
    const role = staff.roles.find((r) => r.role === 'staff')
    if (!role) throw new Error('demo-secretary has no staff role in the seed')
    streetId = role.orgId
    const children = (await api.call<ListPage<Org>>('GET', `/orgs/${streetId}/children?limit=100`)).items
    const board: Board = await api.call<Board>('GET', `/orgs/${children[0].id}/board`)
    memberId = board.items[0]?.id ?? (await api.board(streetId))[0].id
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

  test('staff create a scheme, start it (then it is read-only), score a branch and see its total and stars', async () => {
    const page = await newPhone()
    await step(page, 'open-list', async () => {
      await signIn(page, 'demo-secretary')
      await visible(page, '[data-testid=tile-staff]').click()
      await arrive(page, /#\/packages\/staff\/index\/index/)
      await visible(page, '[data-testid=staff-tool-assessments]').click()
      await arrive(page, /#\/packages\/assess\/list\/index/)
      await visible(page, '[data-testid=assessment-list]').waitFor()
    })

    await step(page, 'create', async () => {
      await button(page, '.xf-assess', '新建评星方案').click()
      await arrive(page, /#\/packages\/assess\/edit\/index\?orgId=/)
      await visible(page, '[data-testid=scheme-form]').waitFor()
      // A judged indicator only, so the branch's total is exactly the score given below.
      const inds = visible(page, '[data-testid=indicator]')
      expect(await inds.count()).toBe(2)
      await inds.first().getByText('删除').click()
      await until('one indicator left', async () => (await inds.count()) === 1)
      await visible(page, 'input[name=max-0]').fill('100')
      await screenshot(page, 'assess-edit-new')
      await button(page, '.xf-assess', '保存方案').click()
      await arrive(page, /#\/packages\/assess\/edit\/index\?id=/)
      assessmentId = decodeURIComponent(/id=([^&]+)/.exec(page.url())![1])
      const saved = await api.call<Assessment>('GET', `/assessments/${assessmentId}`, { token: staffToken })
      expect(saved.status).toBe('draft')
      expect(saved.indicators.map((i) => [i.name, i.max, i.kind])).toEqual([['组织建设', 100, 'judged']])
    })

    await step(page, 'start', async () => {
      await visible(page, '[data-testid=scheme-form]').waitFor()
      await button(page, '.xf-assess', '保存并开始评分').click()
      await confirmModal(page)
      await arrive(page, /#\/packages\/assess\/scores\/index/)
      await visible(page, '[data-testid=result-row]').first().waitFor()
      expect((await api.call<Assessment>('GET', `/assessments/${assessmentId}`, { token: staffToken })).status).toBe('started')
      await screenshot(page, 'assess-results-started')
    })

    const results = await api.call<AssessmentResult[]>('GET', `/assessments/${assessmentId}/results`, { token: staffToken })
    const target = results[0]
    await step(page, 'score', async () => {
      await visible(page, '[data-testid=result-row]', target.name).locator('.xf-sheet__result-head').click()
      await button(page, '.xf-assess', '评分').click()
      await visible(page, '[data-testid=sheet-superior]').waitFor()
      // Over the maximum: refused on the phone, nothing sent.
      await visible(page, 'input[name^=score-]').first().fill('101')
      await button(page, '.xf-assess', '保存评分').click()
      await visible(page, '.xf-field__error', '不能超过 100 分').waitFor()
      await visible(page, 'input[name^=score-]').first().fill('92')
      await button(page, '.xf-assess', '保存评分').click()
      await until('the sheet’s total', async () => (await visible(page, '.xf-sheet__sum').innerText()).includes('92'))
      // Changing a superior score already given asks for a reason.
      await visible(page, 'input[name^=score-]').first().fill('88')
      await visible(page, '[data-testid=sheet-reason]').waitFor()
      await screenshot(page, 'assess-sheet-reason')
      await button(page, '.xf-assess', '保存评分').click()
      await visible(page, '.xf-field__error', '请写明原因').waitFor()
    })

    const after = await api.call<AssessmentResult[]>('GET', `/assessments/${assessmentId}/results`, { token: staffToken })
    const row = after.find((r) => r.orgId === target.orgId)!
    expect(row.total).toBe(92)
    expect(row.stars).toBe(5)

    await step(page, 'frozen', async () => {
      await page.goto(`${server.baseUrl}/#/packages/assess/edit/index?id=${assessmentId}`)
      await visible(page, '[data-testid=scheme-frozen]').waitFor()
      expect(await visible(page, '[data-testid=scheme-frozen]').innerText()).toContain('方案已冻结')
      expect(await page.locator('[data-testid=scheme-form]').filter({ visible: true }).count()).toBe(0)
      await screenshot(page, 'assess-frozen')
    })
    expect(pageErrors).toEqual([])
  })

  test('a resident reviews a member on the member’s page; the averages follow', async () => {
    const page = await newPhone()
    await step(page, 'open-reviews', async () => {
      await signIn(page, 'demo-resident')
      await page.goto(`${server.baseUrl}/#/pages/card/index?id=${memberId}`)
      await visible(page, '[data-testid=card-reviews]').click()
      await arrive(page, /#\/packages\/assess\/reviews\/index/)
      await visible(page, '[data-testid=member-reviews]').waitFor()
    })
    await step(page, 'review', async () => {
      await visible(page, '[aria-label="4 分"]').click()
      await button(page, '.xf-reviews', '提交评议').click()
      await until('the public average', async () => (await visible(page, '[data-testid=average-public]').innerText()).includes('4.0'))
      expect(await visible(page, '[data-testid=average-public]').innerText()).toContain('1 人评议')
      await visible(page, '[data-testid=review-none]').waitFor()
      await screenshot(page, 'member-reviews')
    })
    expect(pageErrors).toEqual([])
  })

  test('the pages fit 320, 360 and 414 px wide phones', async () => {
    const page = await newPhone()
    await signIn(page, 'demo-secretary')
    const pages = [
      ['assess-list', `#/packages/assess/list/index?orgId=${streetId}`, '[data-testid=assessment-list]'],
      ['assess-edit', `#/packages/assess/edit/index?orgId=${streetId}`, '[data-testid=scheme-form]'],
      ['assess-scores', `#/packages/assess/scores/index?id=${assessmentId}`, '[data-testid=assessment-scores]'],
      ['member-reviews', `#/packages/assess/reviews/index?id=${memberId}`, '[data-testid=member-reviews]'],
      ['star-board', `#/packages/assess/stars/index?orgId=${streetId}`, '.xf-starboard'],
      ['contest-host-new', `#/packages/contest/host/index?orgId=${streetId}`, '.xf-host'],
      ['contest-judge-join', `#/packages/contest/judge/index`, '[data-testid=judge-join]'],
    ] as const
    for (const width of [320, 360, 414]) {
      for (const [name, hash, ready] of pages) {
        await step(page, `${name}-${width}`, async () => {
          await page.setViewportSize({ width, height: 844 })
          await page.goto(`${server.baseUrl}/${hash}${hash.includes('?') ? '&' : '?'}w=${width}`)
          await page.reload()
          await visible(page, ready).first().waitFor()
          const overflow = await page.evaluate(() => {
            const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((p) => getComputedStyle(p).display !== 'none')
            const widest = Math.max(0, ...Array.from(shown?.querySelectorAll<HTMLElement>('*') ?? []).map((e) => e.getBoundingClientRect().right))
            return { scroll: shown ? shown.scrollWidth - shown.clientWidth : 0, widest }
          })
          expect(overflow.scroll).toBeLessThanOrEqual(0)
          expect(overflow.widest).toBeLessThanOrEqual(width + 1)
          await screenshotAt(page, width, `${name}-${width}`)
        })
      }
    }
    await page.setViewportSize({ width: 390, height: 844 })
    expect(pageErrors).toEqual([])
  })
})

/** A full-height screenshot at this width (the shared helper widens to the default phone). */
async function screenshotAt(page: Page, width: number, name: string): Promise<void> {
  const height = await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).find((p) => getComputedStyle(p).display !== 'none')
    return shown ? Math.max(window.innerHeight, shown.scrollHeight) : window.innerHeight
  })
  await page.setViewportSize({ width, height: Math.min(height, 8000) })
  await page.screenshot({ path: `${SCREEN_DIR}/${name}.png` })
  await page.setViewportSize({ width, height: 844 })
}
