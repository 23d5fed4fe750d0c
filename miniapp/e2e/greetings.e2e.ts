/**
 * Greetings and the inbox in a real browser against the real product (fresh embedded database, demo
 * seed): branch staff open 工作台 → 三色生日表 and send a greeting to a member whose occasion falls in the
 * coming week; the member then finds the card in 我的贺卡 and the notification in 消息, which links
 * back to the card. Also looks at 祝福设置 (save) and 党员花名册 (a new bind code; adding a member).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Greeting, Inbox, Occasion, Page as ListPage, User } from '@xianfeng/shared'
import { Api } from './support/api'
import { SCREEN_DIR, chromiumAvailability, launchBrowser, phoneContext, resetScreens, screenshot } from './support/browser'
import { assertBuilt, startServer, type RunningServer } from './support/server'
import { arrive, button, loginInBrowser, screenText, step, until, visible } from './support/ui'

const KIND_TITLES: Record<'birthday' | 'political_birthday', string> = { birthday: '生日祝福', political_birthday: '政治生日祝福' }

/** Today in Asia/Shanghai, and days from it, as the server counts them. */
function shanghaiDay(offset = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10)
}

const availability = chromiumAvailability()
const describeBrowser = availability.run ? describe : describe.skip

if (!availability.run && availability.failMessage) {
  test('Chromium is installed', () => {
    throw new Error(availability.failMessage)
  })
}

describeBrowser('greetings and the inbox in Chromium against the real server', () => {
  let server: RunningServer
  let browser: Browser
  let api: Api
  let staffToken: string
  let orgId: string
  let orgName: string
  /** The occasion the secretary greets in the browser, and who can log in as that member. */
  let target: Occasion & { kind: 'birthday' | 'political_birthday' }
  let memberOpenid: string
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

  const occasions = () => api.call<Occasion[]>('GET', `/orgs/${orgId}/occasions?from=${shanghaiDay()}&to=${shanghaiDay(7)}`, { token: staffToken })

  async function loginFromHome(page: Page, openid: string): Promise<void> {
    await page.goto(`${server.baseUrl}/`)
    await visible(page, '.xf-home__login').click()
    await arrive(page, /#\/pages\/login\/index/)
    await loginInBrowser(page, openid)
    await visible(page, '.xf-home__hello').waitFor()
  }

  beforeAll(async () => {
    assertBuilt()
    resetScreens()
    server = await startServer()
    api = new Api(server.baseUrl)
    staffToken = await api.login('demo-secretary')
    const staff = await api.call<User>('GET', '/me', { token: staffToken })
    const role = staff.roles.find((r) => r.role === 'staff')
    if (!role || role.role !== 'staff') throw new Error('demo-secretary has no staff role in the seed')
    orgId = role.orgId
    orgName = role.orgName ?? ''

    // Someone to greet this week: the bound demo member if their day is coming, else an unbound
    // member, bound here through the API (staff issue a code, a new WeChat user enters it).
    const year = shanghaiDay().slice(0, 4)
    const greetable = (await occasions()).filter(
      (o): o is typeof target => (o.kind === 'birthday' || o.kind === 'political_birthday') && !o.greeting && o.on.startsWith(year),
    )
    expect(greetable.length).toBeGreaterThan(0)
    const demo = await api.call<User>('GET', '/me', { token: await api.login('demo-member') })
    const mine = greetable.find((o) => o.memberId === demo.member?.id)
    const unbound = greetable.find((o) => !o.bound)
    if (mine) {
      target = mine
      memberOpenid = 'demo-member'
    } else if (unbound) {
      target = unbound
      memberOpenid = `e2e-greet-${process.pid}-${Date.now() % 100000}`
      const { bindCode } = await api.call<{ bindCode: string }>('POST', `/members/${target.memberId}/bind-code`, { token: staffToken })
      await api.call<User>('POST', '/members/bind', { token: await api.login(memberOpenid), body: { bindCode } })
    } else {
      throw new Error(`every greetable occasion this week belongs to a member bound to an unknown account: ${JSON.stringify(greetable)}`)
    }
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

  test('the secretary sends a greeting from the 三色生日表 and sees 已发送', async () => {
    const page = await newPhone()
    const row = () => visible(page, `[data-testid=occasion][data-member="${target.memberId}"][data-kind="${target.kind}"]`)

    await step(page, 'login-secretary', async () => {
      await loginFromHome(page, 'demo-secretary')
      await visible(page, '[data-testid=tile-staff]').waitFor()
      await visible(page, '[data-testid=tile-inbox]').waitFor()
      await screenshot(page, 'greet-home-secretary')
    })

    await step(page, 'staff-home', async () => {
      await visible(page, '[data-testid=tile-staff]').click()
      await arrive(page, /#\/packages\/staff\/index\/index/)
      if (orgName) await visible(page, '.xf-staff__org-name', orgName).waitFor()
      await screenshot(page, 'greet-staff-home')
    })

    await step(page, 'occasions', async () => {
      await visible(page, '[data-testid=staff-tool-occasions]').click()
      await arrive(page, /#\/packages\/staff\/occasions\/index/)
      await row().waitFor()
      expect(await row().innerText()).toContain(target.name)
      expect(await row().innerText()).toContain(target.kind === 'birthday' ? '生日' : '政治生日')
      // Grouped by date, in order, starting no earlier than today.
      const dates = await visible(page, '[data-testid=occasion-day]').evaluateAll((els) => els.map((e) => e.getAttribute('data-date') ?? ''))
      expect(dates.length).toBeGreaterThan(0)
      expect([...dates].sort()).toEqual(dates)
      expect(dates[0] >= shanghaiDay()).toBe(true)
      await screenshot(page, 'greet-occasions')
    })

    await step(page, 'send', async () => {
      const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/greetings') && r.request().method() === 'POST')
      await row().locator('.xf-occ__send', { hasText: '发送祝福' }).click()
      expect((await sent).status()).toBe(201)
      await row().locator('.xf-occ__sent', { hasText: '已发送' }).waitFor()
      expect(await row().locator('.xf-occ__send').count()).toBe(0)
      const after = (await occasions()).find((o) => o.memberId === target.memberId && o.kind === target.kind)
      expect(after?.greeting).toEqual({ id: expect.any(String), sentAt: expect.any(String) })
      await screenshot(page, 'greet-occasions-sent')
    })

    await step(page, 'greeting-settings', async () => {
      await page.goBack()
      await arrive(page, /#\/packages\/staff\/index\/index/)
      await visible(page, '[data-testid=staff-tool-greeting-settings]').click()
      await arrive(page, /#\/packages\/staff\/greeting-settings\/index/)
      const template = visible(page, '[data-testid=template-political_birthday] textarea')
      await template.waitFor()
      expect(await template.inputValue()).toContain('{name}')
      expect(await screenText(page)).toContain('{years}')
      await visible(page, '[data-testid=send-hour]', '每天 9:00').waitFor()
      const saved = page.waitForResponse((r) => r.url().endsWith(`/orgs/${orgId}/greeting-settings`) && r.request().method() === 'PUT')
      await button(page, '.xf-gsettings', '保存设置').click()
      expect((await saved).status()).toBe(200)
      await screenshot(page, 'greet-settings')
    })

    await step(page, 'roster', async () => {
      await page.goBack()
      await arrive(page, /#\/packages\/staff\/index\/index/)
      await visible(page, '[data-testid=staff-tool-roster]').click()
      await arrive(page, /#\/packages\/staff\/roster\/index/)
      await visible(page, '[data-testid=roster-member]').first().waitFor()
      await screenshot(page, 'greet-roster')
      // A new bind code for an unbound member, shown big with a copy button.
      const unbound = visible(page, '[data-testid=roster-member]', '重新生成绑定码').first()
      const name = (await unbound.locator('.xf-rmember__name').innerText()).trim()
      await unbound.locator('[data-testid=member-reissue]').click()
      await visible(page, '.taro__modal .taro-model__confirm').click()
      const panel = visible(page, '[data-testid=bind-code]')
      await panel.waitFor()
      expect(await panel.innerText()).toContain(`${name} 的绑定码`)
      expect((await panel.locator('.xf-bindcode__code').innerText()).trim()).toMatch(/^[A-Z0-9]{4,32}$/)
      await screenshot(page, 'greet-roster-bindcode')
      await panel.locator('.xf-bindcode__close').click()
      await panel.waitFor({ state: 'hidden' })
    })

    await step(page, 'roster-add', async () => {
      const name = `测试党员${String(Date.now() % 1000).padStart(3, '0')}`
      await visible(page, '.xf-roster__add').click()
      const form = visible(page, '[data-testid=member-form]')
      await form.waitFor()
      await form.locator('input[name=name]').fill(name)
      await form.locator('.xf-chip', { hasText: '女' }).click()
      // Taro's H5 date picker: the wheels start at a sensible date; 确定 takes it.
      for (const i of [0, 1]) {
        await form.locator('.xf-picker-field').nth(i).click()
        await visible(page, '.weui-picker__action', '确定').click()
        await visible(page, '.weui-picker').waitFor({ state: 'hidden' })
      }
      const created = page.waitForResponse((r) => r.url().endsWith(`/orgs/${orgId}/members`) && r.request().method() === 'POST')
      await button(page, '[data-testid=member-form]', '添加并生成绑定码').click()
      expect((await created).status()).toBe(201)
      const panel = visible(page, '.xf-roster__fresh [data-testid=bind-code]')
      await panel.waitFor()
      expect(await panel.innerText()).toContain(`${name} 的绑定码`)
      const code = (await panel.locator('.xf-bindcode__code').innerText()).trim()
      await visible(page, '[data-testid=roster-member]', name).waitFor()
      await screenshot(page, 'greet-roster-added')
      // The code on screen is the one that works.
      const bound = await api.call<User>('POST', '/members/bind', { token: await api.login(`e2e-added-${process.pid}-${Date.now() % 100000}`), body: { bindCode: code } })
      expect(bound.member).toMatchObject({ name, gender: 'female', birthday: '1970-01-01', joinedPartyOn: '2000-07-01' })
    })

    expect(pageErrors).toEqual([])
  }, 90_000)

  test('the member finds the card in 我的贺卡 and the notification in 消息', async () => {
    const memberToken = await api.login(memberOpenid)
    const cards = await api.call<ListPage<Greeting>>('GET', '/greetings/mine', { token: memberToken })
    const card = cards.items.find((g) => g.kind === target.kind)
    if (!card) throw new Error(`the member has no ${target.kind} greeting: ${JSON.stringify(cards)}`)
    const title = KIND_TITLES[target.kind]
    const inbox = await until('the greeting notification', async () => {
      const box = await api.call<Inbox>('GET', '/notifications', { token: memberToken })
      return box.items.find((n) => n.page === `pages/greetings/index?id=${card.id}`) ? box : null
    })
    expect(inbox.unread).toBeGreaterThan(0)

    const page = await newPhone()
    await step(page, 'login-member', async () => {
      await loginFromHome(page, memberOpenid)
      await visible(page, '[data-testid=tile-greetings]').waitFor()
      await visible(page, '[data-testid=tile-inbox] [data-testid=unread-badge]', String(inbox.unread)).waitFor()
      await screenshot(page, 'greet-home-member')
    })

    await step(page, 'my-cards', async () => {
      await visible(page, '[data-testid=tile-greetings]').click()
      await arrive(page, /#\/pages\/greetings\/index/)
      const sealed = visible(page, '[data-testid=greeting-card].xf-gcard--sealed', `您收到一张${target.kind === 'birthday' ? '生日' : '政治生日'}贺卡`)
      await sealed.waitFor()
      expect(await screenText(page)).not.toContain(card.message)
      await screenshot(page, 'greet-cards-sealed')
      const read = page.waitForResponse((r) => r.url().endsWith(`/greetings/${card.id}/read`) && r.request().method() === 'POST')
      await sealed.locator('.xf-gcard__sealed-tap').click()
      expect((await read).status()).toBe(200)
      const opened = visible(page, '[data-testid=greeting-card]', card.message)
      await opened.waitFor()
      const text = await opened.innerText()
      expect(text).toContain(target.kind === 'birthday' ? '生日快乐' : '政治生日快乐')
      expect(text).toContain(`—— ${card.orgName}`)
      await screenshot(page, 'greet-cards-open')
    })

    await step(page, 'inbox', async () => {
      await page.goBack()
      await arrive(page, (u) => u.hash === '' || u.hash === '#/' || u.hash.includes('/pages/index/index'))
      await visible(page, '[data-testid=tile-inbox]').click()
      await arrive(page, /#\/pages\/inbox\/index/)
      const note = visible(page, '[data-testid=notification].xf-note--unread', title)
      await note.waitFor()
      expect(await note.innerText()).toContain(card.message.slice(0, 10))
      await visible(page, '[data-testid=subscribe]', '网页版不支持微信订阅消息，消息会保存在站内信箱').waitFor()
      await screenshot(page, 'greet-inbox')
    })

    await step(page, 'notification-opens-card', async () => {
      await visible(page, '[data-testid=notification]', title).click()
      await arrive(page, (u) => u.hash.includes('/pages/greetings/index') && u.hash.includes(card.id))
      await visible(page, '[data-testid=greeting-card].xf-gcard--highlight', card.message).waitFor()
      await screenshot(page, 'greet-card-from-inbox')
      await until('the notification to be read on the server', async () => {
        const box = await api.call<Inbox>('GET', '/notifications', { token: memberToken })
        return box.items.find((n) => n.page?.endsWith(card.id))?.readAt ? box : null
      })
    })

    await step(page, 'me-tab', async () => {
      await page.goBack()
      await arrive(page, /#\/pages\/inbox\/index/)
      await until('the notification to show as read', async () => (await visible(page, '[data-testid=notification].xf-note--unread', title).count()) === 0)
      await page.goto(`${server.baseUrl}/#/pages/me/index`)
      await visible(page, '[data-testid=entry-greetings]').waitFor()
      await visible(page, '[data-testid=entry-inbox]').waitFor()
      await visible(page, '.xf-me [data-testid=subscribe]').waitFor()
      await screenshot(page, 'greet-me-member')
    })

    expect(pageErrors).toEqual([])
  }, 90_000)
})
