/**
 * The H5 client in a real browser against the real product: `node ../server/dist/main.js` with a fresh
 * embedded database and the demo seed, Debian's Chromium with a phone viewport. Asserts what a person
 * sees: the 亮岗 wall and a member card as a resident (no birthdays, phones only when shared), binding
 * a member record with a bind code, editing one's own card, and a wrong bind code's message.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Member, MemberCard, OrgDetail } from '@xianfeng/shared'
import { PostKindLabels } from '@xianfeng/shared'
import { Api } from './support/api'
import { SCREEN_DIR, chromiumAvailability, launchBrowser, phoneContext, resetScreens, screenshot } from './support/browser'
import { assertBuilt, startServer, type RunningServer } from './support/server'
import { arrive, button, screenText, step, until, visible } from './support/ui'

const ROOT_ORG_NAME = '红旗街道党工委'
const BRANCH_NAME = '阳光社区党支部'

// ---- what a person sees -------------------------------------------------------------------------

/** `2010-07-01` → `2010年7月1日`, as the client shows dates. */
function cnDate(ymd: string): string {
  const [y, m, d] = ymd.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}

/** `13812345678` → `138 1234 5678`, as the client shows mobile numbers. */
function spacedPhone(p: string): string {
  return /^1\d{10}$/.test(p) ? `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}` : p
}

/** The ways a date could be written on a page. */
function dateForms(ymd: string): string[] {
  const [y, m, d] = ymd.split('-')
  return [ymd, cnDate(ymd), `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}/${Number(m)}/${Number(d)}`]
}

/** The ways a phone number could be written on a page. */
function phoneForms(p: string): string[] {
  return [p, spacedPhone(p), p.replace(/^(\d{3})(\d{4})(\d{4})$/, '$1-$2-$3')]
}

/**
 * No roster birthday and no unshared phone on the page, neither in what is on screen nor anywhere in
 * the document (hidden pages, attributes). `allowedDates` are dates the page may show for another
 * reason (the shown member's 入党时间 could fall on someone else's birthday).
 */
async function expectNoPrivateData(page: Page, roster: Member[], what: string, allowedDates: string[] = []): Promise<void> {
  const text = await screenText(page)
  const html = await page.content()
  const squash = (s: string) => s.replace(/\s+/g, '')
  const leaks: string[] = []
  for (const m of roster) {
    for (const form of dateForms(m.birthday)) {
      if (allowedDates.some((d) => dateForms(d).includes(form))) continue
      if (text.includes(form) || html.includes(form)) leaks.push(`birthday of ${m.name} (${form})`)
    }
    if (m.phone && !m.showPhone) {
      for (const form of phoneForms(m.phone)) {
        if (text.includes(form) || html.includes(form)) leaks.push(`unshared phone of ${m.name} (${form})`)
      }
      if (squash(text).includes(m.phone)) leaks.push(`unshared phone of ${m.name} (${m.phone}, spaced)`)
    }
  }
  if (/生日|出生/.test(text)) leaks.push('the words 生日/出生')
  expect({ page: what, leaks }).toEqual({ page: what, leaks: [] })
}

// ---- the run ------------------------------------------------------------------------------------

const availability = chromiumAvailability()
const describeBrowser = availability.run ? describe : describe.skip

if (!availability.run && availability.failMessage) {
  test('Chromium is installed', () => {
    throw new Error(availability.failMessage)
  })
}

describeBrowser('H5 client in Chromium against the real server', () => {
  let server: RunningServer
  let browser: Browser
  let api: Api
  let staffToken: string
  let root: OrgDetail
  let roster: Member[]
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  /** A fresh phone (own storage, so logged out) that records uncaught page errors and 5xx answers. */
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

  async function loginInBrowser(page: Page, openid: string): Promise<void> {
    await visible(page, 'input[name=openid]').waitFor()
    await screenshot(page, 'login')
    await visible(page, 'input[name=openid]').fill(openid)
    await button(page, '.xf-login', '登录').click()
    // The login page closes itself (back to where the person came from).
    await arrive(page, (u) => !u.hash.includes('/pages/login/'))
  }

  beforeAll(async () => {
    assertBuilt()
    resetScreens()
    server = await startServer()
    api = new Api(server.baseUrl)
    staffToken = await api.login('demo-secretary')
    const roots = await api.rootOrgs()
    const found = roots.find((o) => o.name === ROOT_ORG_NAME)
    if (!found) throw new Error(`the demo seed has no ${ROOT_ORG_NAME}: ${roots.map((o) => o.name).join(', ')}`)
    root = await api.call<OrgDetail>('GET', `/orgs/${found.id}`)
    roster = await api.roster(root.id, staffToken)
    expect(roster.length).toBeGreaterThan(20)
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

  test('a resident opens the 亮岗 wall and a member card: public fields only', async () => {
    const page = await newPhone()
    const cards = await api.board(root.id)
    const byId = new Map(roster.map((m) => [m.id, m]))

    await step(page, 'home-guest', async () => {
      await page.goto(`${server.baseUrl}/`)
      await visible(page, '.xf-tree__name', ROOT_ORG_NAME).waitFor()
      expect(await screenText(page)).toContain('您好，欢迎使用先锋')
      await screenshot(page, 'home-guest')
    })

    await step(page, 'login-resident', async () => {
      await visible(page, '.xf-home__login').click()
      await arrive(page, /#\/pages\/login\/index/)
      await loginInBrowser(page, 'demo-resident')
      await visible(page, '.xf-home__hello', '您好，居民李阿姨').waitFor()
      await visible(page, '.xf-home__role', '群众').waitFor()
      await screenshot(page, 'home-resident')
    })

    await step(page, 'board', async () => {
      await visible(page, '.xf-tree__name', ROOT_ORG_NAME).click()
      await arrive(page, /#\/pages\/board\/index/)
      await visible(page, '.xf-board__name', ROOT_ORG_NAME).waitFor()
      await visible(page, '[data-testid=member-card]').first().waitFor()
      expect(await visible(page, '.xf-board__count').innerText()).toBe(`党员 ${root.counts.members} 名`)
      // Load every page of the wall.
      for (let shown = await visible(page, '[data-testid=member-card]').count(); shown < cards.length; ) {
        const before = shown
        await visible(page, '.xf-more', '加载更多').click()
        shown = await until('more cards after 加载更多', async () => {
          const n = await visible(page, '[data-testid=member-card]').count()
          return n > before ? n : 0
        })
      }
      await visible(page, '.xf-more__end', `— 共 ${cards.length} 名党员亮岗 —`).waitFor()
      const shownCards = visible(page, '[data-testid=member-card]')
      expect(await shownCards.count()).toBe(cards.length)
      const names = await visible(page, '[data-testid=member-card] .xf-mcard__name').allInnerTexts()
      expect(names).toEqual(cards.map((c) => c.name))

      // Each card: post label, 党龄, and a phone exactly when the member chose to show it.
      for (let i = 0; i < cards.length; i++) {
        const card = cards[i]
        const member = byId.get(card.id)
        expect(member).toBeDefined()
        const text = await shownCards.nth(i).innerText()
        if (card.postKind) expect(text).toContain(PostKindLabels[card.postKind])
        expect(text).toContain(card.partyYears < 1 ? '党龄不满 1 年' : `党龄 ${card.partyYears} 年`)
        const phoneShown = /拨打/.test(text)
        expect({ name: card.name, phoneShown }).toEqual({ name: card.name, phoneShown: !!member!.showPhone && !!member!.phone })
        if (phoneShown) expect(text).toContain(`拨打 ${spacedPhone(member!.phone!)}`)
      }
      await expectNoPrivateData(page, roster, 'the 亮岗 wall')
      await screenshot(page, 'board-root')
    })

    /** Opens a card from the wall and checks what it shows. */
    const openCard = async (card: MemberCard, shot: string) => {
      const member = byId.get(card.id)!
      const index = cards.findIndex((c) => c.id === card.id)
      await visible(page, '[data-testid=member-card]').nth(index).click()
      await arrive(page, (u) => u.hash.includes('/pages/card/index') && u.hash.includes(encodeURIComponent(card.id)))
      const badge = visible(page, '[data-testid=member-badge]')
      await badge.waitFor()
      expect(await badge.locator('.xf-badge__name').innerText()).toBe(card.name)
      const text = await badge.innerText()
      if (card.postKind) expect(text).toContain(PostKindLabels[card.postKind])
      if (card.postTitle) expect(text).toContain(card.postTitle)
      expect(text).toContain(card.orgName)
      const years = await badge.locator('.xf-badge__row', { hasText: '党龄' }).locator('.xf-badge__value').innerText()
      expect(years).toBe(card.partyYears < 1 ? '不满 1 年' : `${card.partyYears} 年`)
      const joined = await badge.locator('.xf-badge__row', { hasText: '入党时间' }).locator('.xf-badge__value').innerText()
      expect(joined).toBe(cnDate(card.joinedPartyOn))
      if (member.showPhone && member.phone) {
        expect(text).toContain(spacedPhone(member.phone))
        await visible(page, '.xf-badge__call', `一键拨打 ${spacedPhone(member.phone)}`).waitFor()
      } else {
        expect(text).not.toContain('联系电话')
        expect(text).not.toContain('拨打')
      }
      await expectNoPrivateData(page, roster, `the card of ${card.name}`, [card.joinedPartyOn])
      await screenshot(page, shot)
    }

    const withPhone = cards.find((c) => c.postKind && byId.get(c.id)?.showPhone && byId.get(c.id)?.phone)
    const withoutPhone = cards.find((c) => c.postKind && !byId.get(c.id)?.showPhone)
    expect(withPhone).toBeDefined()
    expect(withoutPhone).toBeDefined()

    await step(page, 'card-with-phone', () => openCard(withPhone!, 'card-with-phone'))
    await step(page, 'back-to-board', async () => {
      await page.goBack()
      await arrive(page, /#\/pages\/board\/index/)
      await visible(page, '[data-testid=member-card]').first().waitFor()
    })
    await step(page, 'card-without-phone', () => openCard(withoutPhone!, 'card-without-phone'))

    expect(pageErrors).toEqual([])
  }, 120_000)

  test('a wrong bind code says so in Chinese', async () => {
    const page = await newPhone()
    await step(page, 'me-guest', async () => {
      await page.goto(`${server.baseUrl}/#/pages/me/index`)
      await visible(page, '.xf-me__name', '未登录').waitFor()
      await screenshot(page, 'me-guest')
      await button(page, '.xf-me', '登录').click()
      await arrive(page, /#\/pages\/login\/index/)
      await loginInBrowser(page, `e2e-wrong-${Date.now()}`)
      await visible(page, '[data-testid=bind-form]').waitFor()
    })
    await step(page, 'bind-wrong-code', async () => {
      await visible(page, 'input[name=bindCode]').fill('ZZZZ99')
      await button(page, '[data-testid=bind-form]', '绑定党员身份').click()
      const alert = visible(page, '[data-testid=bind-form] [role=alert]')
      await alert.waitFor()
      const message = (await alert.innerText()).trim()
      expect(message).toMatch(/绑定码/)
      expect(message).toMatch(/^[^A-Za-z]*$/) // no "Not Found", no error code
      // Still unbound: the form stays.
      await visible(page, '[data-testid=bind-form]').waitFor()
      expect(await visible(page, '[data-testid=profile-form]').count()).toBe(0)
      await screenshot(page, 'bind-wrong-code')
    })
    expect(pageErrors).toEqual([])
  }, 90_000)

  test('a new member binds with the code, edits duties, shares the phone, and the public card shows it', async () => {
    const children = await api.call<{ items: OrgDetail[] }>('GET', `/orgs/${root.id}/children?limit=100`)
    const branch = children.items.find((o) => o.name === BRANCH_NAME)
    if (!branch) throw new Error(`no ${BRANCH_NAME} under ${ROOT_ORG_NAME}`)
    const suffix = String(Date.now() % 100000).padStart(5, '0')
    const name = `钱晓${'零一二三四五六七八九'[Number(suffix[4])]}${'零一二三四五六七八九'[Number(suffix[3])]}`
    const phone = `139${suffix}678`.slice(0, 11)
    const birthday = '1988-03-14'
    const created = await api.call<{ member: Member; bindCode: string }>('POST', `/orgs/${branch.id}/members`, {
      token: staffToken,
      body: {
        name,
        gender: 'female',
        birthday,
        joinedPartyOn: '2012-07-01',
        status: 'full',
        postKind: 'vanguard',
        postTitle: '楼道先锋岗',
        duties: '联系 5 号楼居民',
        phone,
        showPhone: false,
      },
    })
    expect(created.bindCode).toEqual(expect.any(String))
    const memberId = created.member.id
    const newDuties = `负责 7 号楼独居老人每周走访（e2e ${suffix}）`
    const everyone = [...roster, { ...created.member, showPhone: false }]

    const page = await newPhone()
    await step(page, 'login-new-user', async () => {
      await page.goto(`${server.baseUrl}/#/pages/me/index`)
      await button(page, '.xf-me', '登录').click()
      await arrive(page, /#\/pages\/login\/index/)
      await loginInBrowser(page, `e2e-member-${suffix}-${process.pid}`)
      await visible(page, '[data-testid=bind-form]').waitFor()
      expect(await screenText(page)).toContain('群众')
      await screenshot(page, 'me-unbound')
    })

    await step(page, 'bind', async () => {
      await visible(page, 'input[name=bindCode]').fill(created.bindCode)
      await button(page, '[data-testid=bind-form]', '绑定党员身份').click()
      await visible(page, '[data-testid=profile-form]').waitFor()
      await visible(page, '.xf-me__name', name).waitFor()
      const fact = async (label: string) =>
        (await visible(page, '.xf-me__fact', label).locator('.xf-me__fact-value').innerText()).trim()
      expect(await fact('所在组织')).toBe(BRANCH_NAME)
      expect(await fact('岗位类别')).toBe(PostKindLabels.vanguard)
      expect(await fact('入党时间')).toBe(cnDate('2012-07-01'))
      expect(await visible(page, '[data-testid=bind-form]').count()).toBe(0)
      await expectNoPrivateData(page, roster, 'my page after binding', ['2012-07-01'])
      await screenshot(page, 'me-bound')
    })

    await step(page, 'edit-profile', async () => {
      const form = visible(page, '[data-testid=profile-form]')
      const duties = form.locator('textarea')
      await duties.fill(newDuties)
      expect(await form.locator('input[name=phone]').inputValue()).toBe(phone)
      const toggle = form.locator('.nut-switch')
      expect(await toggle.getAttribute('class')).toContain('nut-switch-close')
      await toggle.click()
      await until('the 公开手机号 switch to turn on', async () => !(await toggle.getAttribute('class'))?.includes('nut-switch-close'))
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/members/me') && r.request().method() === 'PATCH')
      // The toast shows for 1.5 s: start looking before the click. (Its outer div has no box of its
      // own — the content is position: fixed — so look for the text inside.)
      const toast = page.locator('.taro__toast').getByText('已保存', { exact: true }).filter({ visible: true }).waitFor()
      await button(page, '[data-testid=profile-form]', '保存').click()
      expect((await saved).status()).toBe(200)
      await toast
      await screenshot(page, 'me-saved')
      // What staff see now.
      const after = (await api.roster(branch.id, staffToken)).find((m) => m.id === memberId)
      expect(after).toMatchObject({ duties: newDuties, showPhone: true, phone })
    })

    await step(page, 'my-public-card', async () => {
      await visible(page, '.xf-section__action', '我的名片').click()
      await arrive(page, (u) => u.hash.includes('/pages/card/index') && u.hash.includes(encodeURIComponent(memberId)))
      const badge = visible(page, '[data-testid=member-badge]')
      await badge.waitFor()
      await visible(page, '.xf-badge__duties-text', newDuties).waitFor()
      expect(await badge.locator('.xf-badge__name').innerText()).toBe(name)
      expect(await badge.locator('.xf-badge__row', { hasText: '联系电话' }).locator('.xf-badge__value').innerText()).toBe(spacedPhone(phone))
      await visible(page, '.xf-badge__call', `一键拨打 ${spacedPhone(phone)}`).waitFor()
      await expectNoPrivateData(page, everyone.map((m) => (m.id === memberId ? { ...m, showPhone: true } : m)), 'my public card', ['2012-07-01'])
      expect(await screenText(page)).not.toContain(cnDate(birthday))
      await screenshot(page, 'card-mine')
    })

    await step(page, 'branch-board', async () => {
      await visible(page, '.xf-card-page__board', BRANCH_NAME).click()
      await arrive(page, /#\/pages\/board\/index/)
      await visible(page, '.xf-board__name', BRANCH_NAME).waitFor()
      const mine = visible(page, '[data-testid=member-card]', name)
      await mine.waitFor()
      const text = await mine.innerText()
      expect(text).toContain(newDuties)
      expect(text).toContain(`拨打 ${spacedPhone(phone)}`)
      await screenshot(page, 'board-branch')
    })

    expect(pageErrors).toEqual([])
  }, 120_000)
})
