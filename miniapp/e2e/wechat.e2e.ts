/**
 * The WeChat platform part in a real browser against the real product (stand-in WeChat in-process):
 * the privacy consent sheet before the first photo pick and the H5 policy page; a member card
 * showing its code; a progress photo held until the stand-in's image-check verdict arrives, then
 * shown (pass) or removed from the entry (risky).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Commitment, CommitmentSummary, Page as ListPage, User } from '@xianfeng/shared'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Api } from './support/api'
import { chromiumAvailability, launchBrowser, phoneContext, resetScreens, screenshot } from './support/browser'
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

describeBrowser('WeChat platform in Chromium against the real server', () => {
  let server: RunningServer
  let browser: Browser
  let api: Api
  let standin: string
  let memberToken: string
  let memberId: string
  let commitmentId: string
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

  async function loginAs(page: Page, openid: string): Promise<void> {
    await page.goto(`${server.baseUrl}/#/pages/login/index`)
    await loginInBrowser(page, openid)
  }

  /** Picks the photo through the browser's file chooser that Taro.chooseImage opens (agreeing to the privacy sheet if it asks). */
  async function pickPhoto(page: Page, name: string): Promise<void> {
    const chooser = page.waitForEvent('filechooser')
    await visible(page, '.xf-photos__add').click()
    const sheet = visible(page, '[data-testid=privacy-sheet]')
    const first = await Promise.race([chooser.then(() => 'chooser'), sheet.waitFor().then(() => 'sheet')])
    if (first === 'sheet') await visible(page, '.xf-privacy__btn', '同意并继续').click()
    await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: PNG })
  }

  const publicStatus = async (url: string) => (await fetch(new URL(new URL(url).pathname, server.baseUrl))).status

  beforeAll(async () => {
    assertBuilt()
    resetScreens()
    // The in-process stand-in on a known port (its control routes), taking 3 s to judge a photo.
    const port = await freePort()
    process.env.WECHAT_STANDIN_PORT = String(port)
    process.env.WECHAT_STANDIN_MEDIA_DELAY_MS = '3000'
    standin = `http://127.0.0.1:${port}`
    server = await startServer()
    api = new Api(server.baseUrl)
    memberToken = await api.login('demo-member')
    const me = await api.call<User>('GET', '/me', { token: memberToken })
    if (!me.member) throw new Error('demo-member is not bound to a member in the seed')
    memberId = me.member.id
    const mine = await api.call<ListPage<CommitmentSummary>>('GET', '/commitments?mine=true&status=published', { token: memberToken })
    const published = mine.items.find((c) => c.ownerMemberId === memberId)
    if (!published) throw new Error('demo-member has no published commitment in the seed')
    commitmentId = published.id
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await server?.stop()
    delete process.env.WECHAT_STANDIN_PORT
    delete process.env.WECHAT_STANDIN_MEDIA_DELAY_MS
  }, 60_000)

  afterEach(() => {
    const errors = pageErrors.splice(0)
    if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`)
  })

  test('我的 links the privacy policy, which lists what is collected and why', async () => {
    const page = await newPhone()
    await loginAs(page, 'demo-member')
    await page.goto(`${server.baseUrl}/#/pages/me/index`)
    await step(page, 'open the policy from 我的', async () => {
      await visible(page, '[data-testid=privacy-link]').click()
      await arrive(page, /#\/pages\/privacy\/index/)
      // The URL changes before the new page is mounted: wait for the policy itself.
      await visible(page, '[data-testid=privacy-page]').waitFor()
    })
    const text = await screenText(page)
    for (const item of ['chooseMedia', 'getLocation', 'scanCode', '姓名', '出生日期', '手机号', '照片']) expect(text).toContain(item)
    await screenshot(page, 'privacy-policy')
  }, 120_000)

  test('the privacy sheet comes before the first photo pick; refusing picks nothing, agreeing is remembered', async () => {
    const page = await newPhone()
    await loginAs(page, 'demo-member')
    await page.goto(`${server.baseUrl}/#/packages/commitment/detail/index?id=${commitmentId}`)
    await visible(page, '[data-testid=commitment-progress-form]').waitFor()
    let chooserOpened = false
    page.on('filechooser', () => (chooserOpened = true))
    await step(page, 'the sheet before the pick', async () => {
      await visible(page, '.xf-photos__add').click()
      await visible(page, '[data-testid=privacy-sheet]').waitFor()
      await screenshot(page, 'privacy-sheet')
    })
    await step(page, 'refuse', async () => {
      await visible(page, '.xf-privacy__btn', '不同意').click()
      await visible(page, '.xf-photos__error', '仍可以只填写文字提交').waitFor()
      expect(chooserOpened).toBe(false)
    })
    await step(page, 'agree, then pick', async () => {
      const chooser = page.waitForEvent('filechooser')
      await visible(page, '.xf-photos__add').click()
      await visible(page, '.xf-privacy__btn', '同意并继续').click()
      await (await chooser).setFiles({ name: 'first.png', mimeType: 'image/png', buffer: PNG })
      await until('the thumbnail', async () => (await visible(page, '.xf-photos__cell').count()) === 1)
    })
    await step(page, 'no sheet the second time', async () => {
      await pickPhoto(page, 'second.png')
      await until('the second thumbnail', async () => (await visible(page, '.xf-photos__cell').count()) === 2)
      expect(await visible(page, '[data-testid=privacy-sheet]').count()).toBe(0)
    })
  }, 120_000)

  test("a member card shows its code (H5: the card's web QR)", async () => {
    const page = await newPhone()
    await page.goto(`${server.baseUrl}/#/pages/card/index?id=${memberId}`)
    const code = visible(page, '[data-testid=card-code]')
    await code.waitFor()
    expect(await code.innerText()).toContain('扫码看我的亮身份名片')
    const img = code.locator('img')
    await until('the code image to load', () => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0))
    expect(await img.getAttribute('src')).toContain(`/members/${memberId}/card-qr.svg`)
    await screenshot(page, 'card-code')
  }, 120_000)

  test('a progress photo is held until the verdict: shown on pass, removed from the entry on risky', async () => {
    const page = await newPhone()
    await loginAs(page, 'demo-member')
    await page.goto(`${server.baseUrl}/#/packages/commitment/detail/index?id=${commitmentId}`)
    await visible(page, '[data-testid=commitment-progress-form]').waitFor()
    const uploads: string[] = []
    page.on('response', async (r) => {
      if (r.request().method() === 'POST' && r.url().endsWith('/api/v1/uploads') && r.status() === 201) uploads.push(((await r.json()) as { url: string }).url)
    })
    await step(page, 'report progress with two photos', async () => {
      await pickPhoto(page, 'ok.png')
      await until('the first upload', async () => uploads.length === 1)
      await pickPhoto(page, 'bad.png')
      await until('the second upload', async () => uploads.length === 2)
      // "WeChat" will find the second one risky.
      const res = await fetch(`${standin}/__standin/media-verdicts`, { method: 'POST', body: JSON.stringify({ url: new URL(uploads[1]).pathname.split('/').pop(), verdict: 'risky' }) })
      expect(res.status).toBe(200)
      await visible(page, '[data-testid=commitment-progress-form] textarea').fill('本周送菜两次，附照片')
      await button(page, '[data-testid=commitment-progress-form]', '发布进展').click()
      await visible(page, '.xf-photos__item').first().waitFor()
    })
    // Held: the public cannot see either photo yet.
    expect(await publicStatus(uploads[0])).toBe(404)
    expect(await publicStatus(uploads[1])).toBe(404)
    await step(page, 'verdicts arrive', async () => {
      await until('the pass verdict', async () => (await publicStatus(uploads[0])) === 200, 30_000)
      await until('the risky photo to leave the entry', async () => {
        const c = await api.call<Commitment>('GET', `/commitments/${commitmentId}`)
        const entry = c.progress.find((p) => p.text === '本周送菜两次，附照片')
        return entry && entry.photos.length === 1 && entry.photos[0] === uploads[0]
      }, 30_000)
      expect(await publicStatus(uploads[1])).toBe(404)
    })
    await step(page, 'the entry shows the passed photo only', async () => {
      await page.reload()
      await visible(page, '[data-testid=commitment-progress-form]').waitFor()
      const srcs = await page.locator('[data-testid=photo-grid] img').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).src))
      expect(srcs.some((s) => s.endsWith(new URL(uploads[0]).pathname))).toBe(true)
      expect(srcs.some((s) => s.endsWith(new URL(uploads[1]).pathname))).toBe(false)
      await screenshot(page, 'progress-after-verdicts')
    })
    // The uploader was told.
    const inbox = await api.call<{ items: Array<{ title: string }> }>('GET', '/notifications', { token: memberToken })
    expect(inbox.items.map((n) => n.title)).toContain('您上传的照片未通过审核')
  }, 180_000)
})
