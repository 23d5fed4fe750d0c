/**
 * The staff workbench in a real browser against the real product (fresh embedded database, demo
 * seed). demo-branch (staff of 幸福里一支部) finds a new wish and a submitted commitment waiting: the
 * home tile and the workbench show the count, the queue lists both, one is approved and the other
 * returned right from the list, and the counts drop. Then staff create an invitation, and another
 * user accepts it in a second browser context and becomes staff of the branch. Last, a photo the
 * stand-in's image check sends to review shows in the queue with its thumbnail and is approved there.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { Pages, type Commitment, type Member, type ReviewCounts, type ReviewQueue, type User, type Wish } from '@xianfeng/shared'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Api } from './support/api'
import { SCREEN_DIR, chromiumAvailability, launchBrowser, phoneContext, resetScreens, screenshot } from './support/browser'
import { MINIAPP_DIR, assertBuilt, freePort, startServer, type RunningServer } from './support/server'
import { arrive, button, loginInBrowser, screenText, step, until, visible } from './support/ui'

const PNG = readFileSync(join(MINIAPP_DIR, '..', 'server', 'test', 'fixtures', '1x1.png'))

const availability = chromiumAvailability()
const describeBrowser = availability.run ? describe : describe.skip

if (!availability.run && availability.failMessage) {
  test('Chromium is installed', () => {
    throw new Error(availability.failMessage)
  })
}

describeBrowser('工作台 in Chromium against the real server', () => {
  let server: RunningServer
  let browser: Browser
  let api: Api
  let staffToken: string
  let branch: { id: string; name: string }
  let standin: string
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

  /** Screenshots at 320, 360 and 414 px wide, and no element wider than the screen at any of them. */
  async function atWidths(page: Page, name: string): Promise<void> {
    const original = page.viewportSize()
    for (const width of [320, 360, 414]) {
      await page.setViewportSize({ width, height: 800 })
      await page.waitForTimeout(150)
      const overflow = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth
        return [...document.querySelectorAll('.taro_page:not([style*="display: none"]) *')]
          .filter((el) => (el as HTMLElement).offsetParent !== null && el.getBoundingClientRect().right > limit + 1)
          .map((el) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className}`)
          .slice(0, 5)
      })
      expect({ width, overflow }).toEqual({ width, overflow: [] })
      await screenshot(page, `${name}-${width}`)
    }
    if (original) await page.setViewportSize(original)
  }

  const url = (path: string) => `${server.baseUrl}/#/${path}`
  const counts = () => api.call<ReviewCounts>('GET', `/orgs/${branch.id}/review-queue/counts`, { token: staffToken })
  const textOf = async (page: Page, testid: string) => (await visible(page, `[data-testid=${testid}]`).first().innerText()).trim()

  beforeAll(async () => {
    assertBuilt()
    resetScreens()
    // The in-process stand-in on a known port (its control routes set an image-check verdict).
    const port = await freePort()
    process.env.WECHAT_STANDIN_PORT = String(port)
    process.env.WECHAT_STANDIN_MEDIA_DELAY_MS = '2000'
    standin = `http://127.0.0.1:${port}`
    server = await startServer()
    api = new Api(server.baseUrl)
    staffToken = await api.login('demo-branch')
    const me = await api.call<User>('GET', '/me', { token: staffToken })
    const role = me.roles.find((r) => r.role === 'staff')
    if (!role || role.role !== 'staff') throw new Error('demo-branch is not staff in the demo seed')
    branch = { id: role.orgId, name: role.orgName ?? '' }
    browser = await launchBrowser()
  }, 150_000)

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await server?.stop()
    process.stdout.write(`\nbrowser test screenshots: ${SCREEN_DIR}\n`)
  }, 60_000)

  test('the review queue: a wish and a commitment waiting, the badge count, approve one and return the other from the list, counts drop', async () => {
    const suffix = String(Date.now() % 100000).padStart(5, '0')
    const wishTitle = `帮忙换灯泡 ${suffix}`
    const commitmentTitle = `每月义务理发 ${suffix}`
    const residentToken = await api.login('demo-resident')
    const memberToken = await api.login('demo-member')
    const wish = await api.call<Wish>('POST', '/wishes', {
      token: residentToken,
      body: { orgId: branch.id, title: wishTitle, description: '楼道灯坏了，晚上看不见路。', category: 'service' },
    })
    const dueOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    const draft = await api.call<Commitment>('POST', '/commitments', {
      token: memberToken,
      body: { ownerType: 'member', orgId: branch.id, title: commitmentTitle, content: '每月第一个周日为社区老人义务理发。', items: ['每月理发一次'], dueOn },
    })
    await api.call<Commitment>('POST', `/commitments/${draft.id}/submit`, { token: memberToken })
    const before = await counts()
    expect(before.byKind.wish).toBeGreaterThanOrEqual(1)
    expect(before.byKind.commitment).toBeGreaterThanOrEqual(1)

    const staff = await newPhone()
    await step(staff, 'login', async () => {
      await staff.goto(url('pages/login/index'))
      await loginInBrowser(staff, 'demo-branch')
      await staff.goto(url('pages/index/index'))
      await arrive(staff, /pages\/index\/index/)
    })

    await step(staff, 'home-badge', async () => {
      await until('the home tile badge', async () => (await visible(staff, '[data-testid=staff-badge]').count()) > 0)
      expect(await textOf(staff, 'staff-badge')).toBe(String(before.total))
      expect(await textOf(staff, 'tile-staff')).toContain(`${before.total} 件待审核`)
      await screenshot(staff, 'workbench-home-badge')
      await visible(staff, '[data-testid=tile-staff]').click()
      await arrive(staff, (u) => u.hash.includes('/packages/staff/index/index'))
    })

    await step(staff, 'workbench-badge', async () => {
      await until('the workbench badge', async () => (await visible(staff, '[data-testid=queue-badge]').count()) > 0)
      expect(await textOf(staff, 'queue-badge')).toBe(String(before.total))
      await screenshot(staff, 'workbench-index')
      await visible(staff, '[data-testid=staff-tool-review-queue]').click()
      await arrive(staff, (u) => u.hash.includes('/packages/staff/review-queue/index'))
    })

    const item = (title: string) => visible(staff, '[data-testid=queue-item]', title)
    await step(staff, 'queue', async () => {
      await item(wishTitle).waitFor()
      await item(commitmentTitle).waitFor()
      expect(await textOf(staff, 'queue-total')).toBe(String(before.total))
      expect(await visible(staff, '[data-testid=queue-count-wish]').innerText()).toContain(String(before.byKind.wish))
      expect(await visible(staff, '[data-testid=queue-count-commitment]').innerText()).toContain(String(before.byKind.commitment))
      expect(await item(wishTitle).innerText()).toContain('楼道灯坏了')
      await screenshot(staff, 'review-queue')
      await atWidths(staff, 'review-queue')
    })

    await step(staff, 'approve-wish', async () => {
      const approved = staff.waitForResponse((r) => r.url().endsWith(`/wishes/${wish.id}/approve`) && r.request().method() === 'POST')
      await item(wishTitle).locator('[data-testid=queue-approve]').click()
      const ok = visible(staff, '.taro__modal .taro-model__confirm')
      await ok.waitFor()
      await ok.click()
      expect((await approved).status()).toBe(200)
      await item(wishTitle).waitFor({ state: 'detached' })
      await until('the total to drop by one', async () => (await textOf(staff, 'queue-total')) === String(before.total - 1))
    })

    await step(staff, 'return-commitment', async () => {
      const card = item(commitmentTitle)
      await card.locator('[data-testid=queue-return]').click()
      await card.locator('textarea').fill('请写明理发的地点和时间')
      const returned = staff.waitForResponse((r) => r.url().endsWith(`/commitments/${draft.id}/return`) && r.request().method() === 'POST')
      await button(staff, '[data-testid=queue-item]', '确认退回').click()
      expect((await returned).status()).toBe(200)
      await item(commitmentTitle).waitFor({ state: 'detached' })
      await until('the total to drop by two', async () => (await textOf(staff, 'queue-total')) === String(before.total - 2))
      await screenshot(staff, 'review-queue-after')
    })

    // the server agrees: the wish is on the wall, the commitment back with its owner, the counts lower
    expect((await api.call<Wish>('GET', `/wishes/${wish.id}`)).status).toBe('open')
    const back = await api.call<Commitment>('GET', `/commitments/${draft.id}`, { token: memberToken })
    expect(back).toMatchObject({ status: 'draft', returnReason: '请写明理发的地点和时间' })
    expect(await counts()).toMatchObject({ total: before.total - 2, byKind: { wish: before.byKind.wish - 1, commitment: before.byKind.commitment - 1 } })

    await step(staff, 'workbench-badge-after', async () => {
      await staff.goBack()
      await arrive(staff, (u) => u.hash.includes('/packages/staff/index/index'))
      await until('the workbench badge to drop', async () => {
        const n = before.total - 2
        if (n === 0) return (await visible(staff, '[data-testid=queue-badge]').count()) === 0
        return (await textOf(staff, 'queue-badge')) === String(n)
      })
    })
    expect(pageErrors).toEqual([])
  }, 180_000)

  test('an invitation created by staff is accepted by another user in a second browser context', async () => {
    const staff = await newPhone()
    let code = ''
    await step(staff, 'invite', async () => {
      await staff.goto(url('pages/login/index'))
      await loginInBrowser(staff, 'demo-branch')
      await staff.goto(url(`packages/staff/invite/index?orgId=${branch.id}`))
      await arrive(staff, (u) => u.hash.includes('/packages/staff/invite/index'))
      await visible(staff, '[data-testid=invite-create]').click()
      await visible(staff, '[data-testid=invite-code]').waitFor()
      code = await textOf(staff, 'invite-code')
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/)
      await visible(staff, '[data-testid=invite-qr]').waitFor()
      expect(await screenText(staff)).toContain('72 小时')
      await screenshot(staff, 'staff-invite')
      await atWidths(staff, 'staff-invite')
      await staff.goto(url(`packages/staff/orgs/index?orgId=${branch.id}`))
      await arrive(staff, (u) => u.hash.includes('/packages/staff/orgs/index'))
      await visible(staff, '[data-testid=org-row]').first().waitFor()
      await atWidths(staff, 'staff-orgs')
    })

    const openid = `e2e-invitee-${Date.now()}`
    const invitee = await newPhone()
    await step(invitee, 'accept', async () => {
      await invitee.goto(url('pages/login/index'))
      await loginInBrowser(invitee, openid)
      await invitee.goto(url(`pages/staff-invite/index?code=${encodeURIComponent(code)}`))
      await arrive(invitee, (u) => u.hash.includes('/pages/staff-invite/index'))
      expect(await visible(invitee, 'input[name=code]').inputValue()).toBe(code)
      await screenshot(invitee, 'staff-invite-accept')
      await visible(invitee, '[data-testid=invite-accept]').click()
      await visible(invitee, '[data-testid=invite-joined]', branch.name).waitFor()
      await screenshot(invitee, 'staff-invite-joined')
    })
    const token = await api.login(openid)
    const me = await api.call<User>('GET', '/me', { token })
    expect(me.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'staff', orgId: branch.id })]))

    await step(invitee, 'used-again', async () => {
      const other = await newPhone()
      await other.goto(url('pages/login/index'))
      await loginInBrowser(other, `${openid}-2`)
      await other.goto(url(`pages/staff-invite/index?code=${encodeURIComponent(code)}`))
      await arrive(other, (u) => u.hash.includes('/pages/staff-invite/index'))
      await visible(other, '[data-testid=invite-accept]').click()
      await visible(other, '[role=alert]', '已经被使用').waitFor()
    })
    expect(pageErrors).toEqual([])
  }, 180_000)

  test('the roster: a file with bad rows is reported row by row on screen, a good one imported, and a member recorded as leaving', async () => {
    const staff = await newPhone()
    const suffix = String(Date.now() % 100000).padStart(5, '0')
    const header = '序号,姓名,性别,出生日期,入党日期,参加工作日期,党员状态,岗位类型,手机号,公开手机号'
    const bad = [header, `1,导入甲${suffix},男,1985-03-12,2010-07-01,,正式党员,,,`, '2,,男,2023-02-30,2010-07-01,,,,,', `3,导入乙${suffix},未知,1990-01-01,1989-12-31,,,,,`].join('\n')
    const good = [header, `1,导入甲${suffix},男,1985-03-12,2010-07-01,,正式党员,,,`, `2,导入乙${suffix},女,1990-01-01,2015-07-01,,预备党员,,,`].join('\n')
    const upload = async (name: string, body: string) => {
      const chooser = staff.waitForEvent('filechooser')
      await visible(staff, '[data-testid=roster-import-pick]').click()
      await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(body, 'utf8') })
    }

    await step(staff, 'roster-import-errors', async () => {
      await staff.goto(url('pages/login/index'))
      await loginInBrowser(staff, 'demo-branch')
      await staff.goto(url(`packages/staff/roster/index?orgId=${branch.id}`))
      await arrive(staff, (u) => u.hash.includes('/packages/staff/roster/index'))
      await visible(staff, '[data-testid=roster-member]').first().waitFor()
      await upload('bad.csv', bad)
      await visible(staff, '[data-testid=roster-import-report]').waitFor()
      const rows = await visible(staff, '[data-testid=roster-import-error]').allInnerTexts()
      expect(rows.some((r) => r.startsWith('第 3 行'))).toBe(true)
      expect(rows.some((r) => r.startsWith('第 4 行'))).toBe(true)
      expect(rows.every((r) => !r.startsWith('第 2 行'))).toBe(true)
      expect(await screenText(staff)).toContain('本次没有导入任何数据')
      await screenshot(staff, 'roster-import-errors')
      await atWidths(staff, 'roster-import-errors')
    })
    const roster = await api.roster(branch.id, staffToken)
    expect(roster.some((m) => m.name === `导入甲${suffix}`)).toBe(false)

    let imported: Member | undefined
    await step(staff, 'roster-import-good', async () => {
      await upload('good.csv', good)
      await visible(staff, '[data-testid=roster-import-done]', '已导入 2 名党员').waitFor()
      imported = (await api.roster(branch.id, staffToken)).find((m) => m.name === `导入甲${suffix}`)
      expect(imported).toBeDefined()
      await screenshot(staff, 'roster-import-done')
    })

    await step(staff, 'roster-leave', async () => {
      await visible(staff, 'input[name=q]').fill(`导入甲${suffix}`)
      await visible(staff, '.xf-roster__go').click()
      const row = visible(staff, '[data-testid=roster-member]', `导入甲${suffix}`)
      await row.waitFor()
      await row.locator('[data-testid=member-leave]').click()
      await row.locator('textarea').fill('组织关系转出')
      await button(staff, '[data-testid=leave-form]', '确认登记').click()
      const left = staff.waitForResponse((r) => r.url().endsWith(`/members/${imported!.id}/leave`))
      const ok = visible(staff, '.taro__modal .taro-model__confirm')
      await ok.waitFor()
      await ok.click()
      expect((await left).status()).toBe(200)
      await row.waitFor({ state: 'detached' })
      await screenshot(staff, 'roster-after-leave')
    })
    expect((await api.roster(branch.id, staffToken)).some((m) => m.id === imported!.id)).toBe(false)
    expect(pageErrors).toEqual([])
  }, 180_000)

  test('a photo the image check sends to review waits in the queue with its thumbnail, and 通过 makes it public', async () => {
    const memberToken = await api.login('demo-member')
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'me.png')
    const up = await fetch(`${server.baseUrl}/api/v1/uploads`, { method: 'POST', body: form, headers: { authorization: `Bearer ${memberToken}` } })
    expect(up.status).toBe(201)
    const photoUrl = ((await up.json()) as { url: string }).url
    const key = new URL(photoUrl).pathname.split('/').pop()!
    const verdict = await fetch(`${standin}/__standin/media-verdicts`, { method: 'POST', body: JSON.stringify({ url: key, verdict: 'review' }) })
    expect(verdict.status).toBeLessThan(300)
    await api.call('PATCH', '/members/me', { token: memberToken, body: { photoUrl } })
    const publicStatus = async () => (await fetch(new URL(new URL(photoUrl).pathname, server.baseUrl))).status
    const waiting = async () =>
      (await api.call<ReviewQueue>('GET', `/orgs/${branch.id}/review-queue?limit=100`, { token: staffToken })).items.find((i) => i.kind === 'photo' && i.imageUrl?.includes(key))
    const held = await until('the review verdict to put the photo in the queue', waiting, 30_000)
    expect(await publicStatus()).toBe(404)

    const staff = await newPhone()
    await step(staff, 'login', async () => {
      await staff.goto(url('pages/login/index'))
      await loginInBrowser(staff, 'demo-branch')
      await staff.goto(url(Pages.staffReviewQueue))
      await arrive(staff, (u) => u.hash.includes('/packages/staff/review-queue/index'))
    })

    const card = visible(staff, '[data-testid=queue-item][data-kind=photo]')
    await step(staff, 'photo-in-queue', async () => {
      await card.first().waitFor()
      expect(await card.count()).toBe(1)
      expect(await card.innerText()).toContain('待复核的照片')
      expect(await visible(staff, '[data-testid=queue-count-photo]').innerText()).toMatch(/[1-9]\d*\s*照片/)
      // the thumbnail really loads through its signed URL (an <img> sends no Authorization header)
      const img = card.locator('[data-testid=queue-photo] img')
      await until('the thumbnail to load', async () => (await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)) > 0)
      await screenshot(staff, 'review-queue-photo')
      await atWidths(staff, 'review-queue-photo')
    })

    await step(staff, 'approve-photo', async () => {
      const approved = staff.waitForResponse((r) => r.url().endsWith(`/uploads/${held.id}/approve`) && r.request().method() === 'POST')
      await card.locator('[data-testid=queue-approve]').click()
      const ok = visible(staff, '.taro__modal .taro-model__confirm')
      await ok.waitFor()
      await ok.click()
      expect((await approved).status()).toBe(200)
      await card.waitFor({ state: 'detached' })
    })
    expect(await publicStatus()).toBe(200)
    expect(await waiting()).toBeUndefined()
    expect(pageErrors).toEqual([])
  }, 180_000)
})
