/**
 * 在职党员进社区 in a real browser against the real product (fresh embedded database, demo seed):
 * staff (demo-secretary, staff of the whole demo tree) publish an activity of 幸福里社区党委 through
 * the API; a member of its first branch (demo-member) signs up in the browser; the organiser opens the
 * code screen through 我的 → 工作台 → 进社区 in a second phone; the member types the code read from
 * that screen to check in, then a fresh code (after it rotated) to check out; the organiser corrects
 * the minutes with a reason; the member's service record shows them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Activity, MemberService, OrgDetail, Page as ListPage } from '@xianfeng/shared'
import { hoursFigure } from '../src/packages/service/format'
import { Api } from './support/api'
import { SCREEN_DIR, chromiumAvailability, launchBrowser, phoneContext, resetScreens, screenshot } from './support/browser'
import { assertBuilt, startServer, type RunningServer } from './support/server'
import { arrive, button, loginInBrowser, screenText, step, until, visible } from './support/ui'

const ROOT_ORG_NAME = '红旗街道党工委'
const COMMUNITY_NAME = '幸福里社区党委'
const ACTIVITY = '/packages/service/activity/index'
const CODE = '/packages/service/code/index'
const RECORD = '/packages/service/record/index'

const availability = chromiumAvailability()
const describeBrowser = availability.run ? describe : describe.skip

if (!availability.run && availability.failMessage) {
  test('Chromium is installed', () => {
    throw new Error(availability.failMessage)
  })
}

describeBrowser('进社区 in Chromium against the real server', () => {
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

  /** The code as the organiser's screen shows it (two lines of two groups), as one would type it. */
  async function readCode(page: Page): Promise<string> {
    const text = await visible(page, '[data-testid=checkin-code]').innerText()
    return text.trim().split(/\s+/).join('-')
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

  test('sign up → check in with the code read from the organiser\'s screen → check out with a fresh code → staff confirm → the record shows the minutes', async () => {
    const suffix = String(Date.now() % 100000).padStart(5, '0')
    const title = `楼道清理志愿服务 ${suffix}`
    // Starts in 10 minutes: sign-up is open until the start, check-in from 30 minutes before it.
    const startsAt = new Date(Date.now() + 10 * 60_000)
    const endsAt = new Date(startsAt.getTime() + 90 * 60_000)
    const activity = await api.call<Activity>('POST', `/orgs/${community.id}/activities`, {
      token: staffToken,
      expect: 201,
      body: { title, description: '清理 3 号楼楼道堆放杂物，张贴消防提示。', place: '幸福里小区 3 号楼', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), capacity: 5 },
    })
    const activityUrl = `${server.baseUrl}/#${ACTIVITY}?id=${encodeURIComponent(activity.id)}`

    // ---- the member signs up ----
    const member = await newPhone()
    await step(member, 'member-signs-up', async () => {
      await member.goto(activityUrl)
      await visible(member, '[data-testid=activity-title]', title).waitFor()
      await button(member, '[data-testid=signup]', '登录后报名').click()
      await arrive(member, /#\/pages\/login\/index/)
      await loginInBrowser(member, 'demo-member')
      await visible(member, '[data-testid=signup]', '还剩 5 个名额').waitFor()
      await screenshot(member, 'service-activity-member')
      const signed = member.waitForResponse((r) => r.url().endsWith(`/api/v1/activities/${activity.id}/signups`) && r.request().method() === 'POST')
      await button(member, '[data-testid=signup]', '我要报名').click()
      expect((await signed).status()).toBe(201)
      await visible(member, '[data-testid=my-signup]', '已报名').waitFor()
      await visible(member, '[data-testid=activity-places]', '已报名 1/5').waitFor()
      await visible(member, '[data-testid=check-in]').waitFor()
      await screenshot(member, 'service-activity-signed-up')
    })

    // ---- the organiser opens the code screen: 我的 → 工作台 → 进社区 → 活动 → the activity → 出示签到码 ----
    const staff = await newPhone()
    await step(staff, 'staff-opens-code', async () => {
      await staff.goto(`${server.baseUrl}/#/pages/login/index`)
      await loginInBrowser(staff, 'demo-secretary')
      await visible(staff, '[data-testid=entry-staff]').click()
      await arrive(staff, (u) => u.hash.includes('/packages/staff/index/index'))
      await visible(staff, '[data-testid=staff-tool-service]').click()
      await arrive(staff, (u) => u.hash.includes('/packages/service/staff/index'))
      await visible(staff, '.xf-tabs__tab', '活动').first().click()
      const card = visible(staff, '[data-testid=activity-card]', title)
      await card.waitFor()
      await card.click()
      await arrive(staff, (u) => u.hash.includes(ACTIVITY) && u.hash.includes(activity.id))
      await visible(staff, '[data-testid=participants]', '报名党员（1）').waitFor()
      await visible(staff, '[data-testid=open-code]').click()
      await arrive(staff, (u) => u.hash.includes(CODE))
      await visible(staff, '[data-testid=checkin-qr]').waitFor()
      await visible(staff, '[data-testid=code-timer]', '秒后自动更换').waitFor()
      await screenshot(staff, 'service-code-screen')
    })

    // ---- check in with the code on the organiser's screen ----
    const firstCode = await readCode(staff)
    expect(firstCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
    await step(member, 'member-checks-in', async () => {
      const form = visible(member, '[data-testid=check-in]')
      await form.locator('input[name=checkinCode]').fill(firstCode)
      const checked = member.waitForResponse((r) => r.url().endsWith(`/api/v1/activities/${activity.id}/checkin`))
      await button(member, '[data-testid=check-in]', '确认签到').click()
      expect((await checked).status()).toBe(200)
      await visible(member, '[data-testid=my-signup]', '签到').waitFor()
      await visible(member, '[data-testid=check-out]').waitFor()
      await screenshot(member, 'service-checked-in')
    })

    // ---- the code rotates; check out with the fresh one ----
    const freshCode = await until('the organiser\'s code to change', async () => {
      const c = await readCode(staff)
      return c !== firstCode ? c : null
    }, 45_000)
    await step(member, 'member-checks-out', async () => {
      const form = visible(member, '[data-testid=check-out]')
      await form.locator('input[name=checkinCode]').fill(freshCode)
      const checked = member.waitForResponse((r) => r.url().endsWith(`/api/v1/activities/${activity.id}/checkout`))
      await button(member, '[data-testid=check-out]', '确认签退').click()
      expect((await checked).status()).toBe(200)
      await visible(member, '[data-testid=my-minutes]', '等待工作人员确认').waitFor()
      await screenshot(member, 'service-checked-out')
    })

    // ---- the organiser confirms: the member left before the start, so the computed time is 0; corrected to 60 with a reason ----
    await step(staff, 'staff-confirms', async () => {
      await staff.goBack()
      await arrive(staff, (u) => u.hash.includes(ACTIVITY))
      await staff.reload()
      const row = visible(staff, '[data-testid=participant]')
      await row.filter({ hasText: '待确认' }).waitFor()
      const form = visible(staff, '[data-testid=confirm-form]')
      await form.locator('input[name=minutes]').fill('60')
      await form.locator('input[name=reason]').fill('提前到场，楼道清理到 11 点，现场核实')
      await screenshot(staff, 'service-confirm-form')
      const confirmed = staff.waitForResponse((r) => r.url().includes(`/api/v1/activities/${activity.id}/attendance/`))
      await button(staff, '[data-testid=confirm-form]', '修改并确认').click()
      expect((await confirmed).status()).toBe(200)
      await visible(staff, '[data-testid=confirmed-minutes]', '核定 1 小时').waitFor()
      expect(await row.innerText()).toContain('将时长由 0 分钟 改为 60 分钟：提前到场')
      await screenshot(staff, 'service-confirmed')
    })

    // ---- the member's record: the server's confirmed minutes, and the same on the screen ----
    const memberToken = await api.login('demo-member')
    const me = await api.call<{ member: { id: string } }>('GET', '/me', { token: memberToken })
    const record = await api.call<MemberService>('GET', `/members/${me.member.id}/service`, { token: memberToken })
    expect(record.activities.find((a) => a.activityId === activity.id)).toMatchObject({ minutes: 60, confirmed: true })
    expect(record.minutes).toBeGreaterThanOrEqual(60)
    await step(member, 'member-record', async () => {
      await member.goto(`${server.baseUrl}/#${RECORD}`)
      await arrive(member, (u) => u.hash.includes(RECORD))
      const entry = visible(member, '[data-testid=record-activity]', title)
      await entry.waitFor()
      expect(await entry.innerText()).toContain('1 小时')
      await visible(member, '[data-testid=record-hours]', hoursFigure(record.minutes)).waitFor()
      await screenshot(member, 'service-record')
    })
    expect(await screenText(member)).not.toContain('undefined')
    expect(pageErrors).toEqual([])
  }, 180_000)
})
