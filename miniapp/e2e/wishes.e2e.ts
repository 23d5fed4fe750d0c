/**
 * 微心愿 in a real browser against the real product (fresh embedded database, demo seed): a resident
 * posts a wish from the wall; staff (demo-secretary, staff of the whole demo tree) approve it through
 * the API; a member (demo-member) claims it in the browser and then sees the wisher's contact; the
 * public wall shows it as 进行中 with the wisher's name masked and no phone anywhere.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { OrgDetail, Page as ListPage, Wish, WishCounts } from '@xianfeng/shared'
import { Api } from './support/api'
import { SCREEN_DIR, chromiumAvailability, launchBrowser, phoneContext, resetScreens, screenshot } from './support/browser'
import { assertBuilt, startServer, type RunningServer } from './support/server'
import { arrive, button, loginInBrowser, screenText, step, visible } from './support/ui'

const ROOT_ORG_NAME = '红旗街道党工委'
const COMMUNITY_NAME = '幸福里社区党委'
const WALL = '/packages/wish/wall/index'
const DETAIL = '/packages/wish/detail/index'

const availability = chromiumAvailability()
const describeBrowser = availability.run ? describe : describe.skip

if (!availability.run && availability.failMessage) {
  test('Chromium is installed', () => {
    throw new Error(availability.failMessage)
  })
}

describeBrowser('微心愿 in Chromium against the real server', () => {
  let server: RunningServer
  let browser: Browser
  let api: Api
  let staffToken: string
  let community: OrgDetail
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

  const wallUrl = () => `${server.baseUrl}/#${WALL}?orgId=${encodeURIComponent(community.id)}`

  /** Answers Taro's modal (认领 / 释放 ask first). */
  async function confirmModal(page: Page): Promise<void> {
    const ok = visible(page, '.taro__modal .taro-model__confirm')
    await ok.waitFor()
    await ok.click()
  }

  beforeAll(async () => {
    assertBuilt()
    resetScreens()
    server = await startServer()
    api = new Api(server.baseUrl)
    staffToken = await api.login('demo-secretary')
    const root = (await api.rootOrgs()).find((o) => o.name === ROOT_ORG_NAME)
    if (!root) throw new Error(`the demo seed has no ${ROOT_ORG_NAME}`)
    const children = await api.call<ListPage<OrgDetail>>('GET', `/orgs/${root.id}/children?limit=100`)
    const found = children.items.find((o) => o.name === COMMUNITY_NAME)
    if (!found) throw new Error(`no ${COMMUNITY_NAME} under ${ROOT_ORG_NAME}`)
    community = found
    browser = await launchBrowser()
  }, 150_000)

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await server?.stop()
    process.stdout.write(`\nbrowser test screenshots: ${SCREEN_DIR}\n`)
  }, 60_000)

  test('a resident posts a wish, staff approve it, a member claims it and reaches the wisher; the public sees it 进行中, masked', async () => {
    const suffix = String(Date.now() % 100000).padStart(5, '0')
    const title = `想请人帮忙修水龙头 ${suffix}`
    const description = '厨房水龙头一直滴水，老两口不会修，想请人上门看看。'
    const wisherName = '赵桂芬'
    const phone = `139${suffix}${suffix.slice(0, 3)}`
    const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`

    // ---- the resident ----
    const resident = await newPhone()
    let wishId = ''
    await step(resident, 'wall-guest', async () => {
      await resident.goto(wallUrl())
      await visible(resident, '.xf-wall__org', COMMUNITY_NAME).waitFor()
      const counts = await api.call<WishCounts>('GET', `/orgs/${community.id}/wish-counts`)
      await visible(resident, '[data-testid=wish-counts]', `已认领完成${counts.fulfilled}个`).waitFor()
      await visible(resident, '[data-testid=wish-card]').first().waitFor()
      await screenshot(resident, 'wish-wall-guest')
    })

    await step(resident, 'post-login', async () => {
      await visible(resident, '.xf-wall__post', '我要许愿').click()
      await arrive(resident, (u) => u.hash.includes('/packages/wish/post/index'))
      await visible(resident, '[data-testid=gate]', '登录后才能发布心愿').waitFor()
      await button(resident, '.xf-wpost', '登录').click()
      await arrive(resident, /#\/pages\/login\/index/)
      await loginInBrowser(resident, 'demo-resident')
      await visible(resident, '[data-testid=wish-form]').waitFor()
    })

    await step(resident, 'post-form', async () => {
      const form = visible(resident, '[data-testid=wish-form]')
      // The wall's community is chosen already.
      expect(await visible(resident, '.xf-wpost__option--on .xf-wpost__option-name').innerText()).toBe(COMMUNITY_NAME)
      await visible(resident, '[data-testid=category-service]').click()
      await form.locator('input[name=title]').fill(title)
      await form.locator('textarea').fill(description)
      await form.locator('input[name=wisherName]').fill(wisherName)
      await form.locator('input[name=wisherPhone]').fill(phone)
      await screenshot(resident, 'wish-post-form')
      const created = resident.waitForResponse((r) => r.url().endsWith('/api/v1/wishes') && r.request().method() === 'POST')
      await button(resident, '[data-testid=wish-form]', '提交心愿').click()
      const res = await created
      expect(res.status()).toBe(201)
      wishId = ((await res.json()) as Wish).id
      const done = visible(resident, '[data-testid=wish-posted]')
      await done.waitFor()
      expect(await done.innerText()).toMatch(/心愿已提交[\s\S]*审核/)
      await screenshot(resident, 'wish-posted')
    })

    await step(resident, 'my-pending-wish', async () => {
      await button(resident, '[data-testid=wish-posted]', '查看我的心愿').click()
      await arrive(resident, (u) => u.hash.includes(DETAIL) && u.hash.includes(wishId))
      await visible(resident, '[data-testid=wish-status]', '待审核').waitFor()
      // The wisher reads back the number they left (no call button to themselves).
      const contact = visible(resident, '[data-testid=wisher-contact]')
      expect(await contact.innerText()).toContain(`电话 ${spaced}`)
      await visible(resident, '[data-testid=wish-pending]', '等待社区工作人员审核').waitFor()
      await screenshot(resident, 'wish-detail-wisher')
    })

    // ---- staff approve through the API ----
    const approved = await api.call<Wish>('POST', `/wishes/${wishId}/approve`, { token: staffToken, body: {}, expect: 200 })
    expect(approved.status).toBe('open')

    // ---- a member claims it ----
    const member = await newPhone()
    await step(member, 'member-finds-wish', async () => {
      await member.goto(wallUrl())
      const card = visible(member, '[data-testid=wish-card]', title)
      await card.waitFor()
      expect(await card.innerText()).toContain('可认领')
      await card.click()
      await arrive(member, (u) => u.hash.includes(DETAIL) && u.hash.includes(wishId))
      await visible(member, '[data-testid=wisher-name]', '赵**').waitFor()
      expect(await screenText(member)).not.toContain(wisherName)
      await button(member, '[data-testid=wish-claim]', '登录后认领').click()
      await arrive(member, /#\/pages\/login\/index/)
      await loginInBrowser(member, 'demo-member')
      await button(member, '[data-testid=wish-claim]', '我来认领').waitFor()
      await screenshot(member, 'wish-detail-member')
    })

    await step(member, 'member-claims', async () => {
      const claimed = member.waitForResponse((r) => r.url().endsWith(`/api/v1/wishes/${wishId}/claim`))
      await button(member, '[data-testid=wish-claim]', '我来认领').click()
      await confirmModal(member)
      expect((await claimed).status()).toBe(200)
      const contact = visible(member, '[data-testid=wisher-contact]')
      await contact.waitFor()
      const text = await contact.innerText()
      expect(text).toContain(wisherName)
      expect(text).toContain(`拨打 ${spaced}`)
      await visible(member, '[data-testid=wish-status]', '进行中').waitFor()
      await button(member, '[data-testid=wish-fulfil]', '标记完成').waitFor()
      await screenshot(member, 'wish-detail-claimed')
    })

    // ---- the public ----
    const guest = await newPhone()
    await step(guest, 'public-wall-claimed', async () => {
      await guest.goto(wallUrl())
      await visible(guest, '.xf-wall__org', COMMUNITY_NAME).waitFor()
      await visible(guest, '.xf-tabs__tab', '进行中').click()
      const card = visible(guest, '[data-testid=wish-card]', title)
      await card.waitFor()
      const text = await card.innerText()
      expect(text).toContain('进行中')
      expect(text).toContain('心愿人 赵**')
      expect(text).toContain('认领：党员')
      const page = (await screenText(guest)).replace(/\s+/g, '')
      const html = await guest.content()
      expect(page).not.toContain(phone)
      expect(html).not.toContain(phone)
      expect(page).not.toContain(wisherName)
      await screenshot(guest, 'wish-wall-claimed')
    })

    await step(guest, 'public-detail', async () => {
      await visible(guest, '[data-testid=wish-card]', title).click()
      await arrive(guest, (u) => u.hash.includes(DETAIL) && u.hash.includes(wishId))
      await visible(guest, '[data-testid=wish-status]', '进行中').waitFor()
      await visible(guest, '[data-testid=wisher-name]', '赵**').waitFor()
      expect(await visible(guest, '[data-testid=wisher-contact]').count()).toBe(0)
      expect((await screenText(guest)).replace(/\s+/g, '')).not.toContain(phone)
      expect(await guest.content()).not.toContain(phone)
      await screenshot(guest, 'wish-detail-public')
    })

    expect(pageErrors).toEqual([])
  }, 120_000)
})
