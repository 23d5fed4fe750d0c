import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { BatchGreetingResult, Greeting, Occasion } from '@xianfeng/shared'
import { taroStub } from '../../../../test/taro-stub'
import { saveSession } from '../../../auth/session'
import { addDays, todayInShanghai as shanghaiToday } from '@xianfeng/shared'
import { canGreet, groupByDate } from './group'
import OccasionsPage from './index'

const today = shanghaiToday()
const later = addDays(today, 2)

const occ = (o: Partial<Occasion> & Pick<Occasion, 'memberId' | 'name' | 'kind' | 'on'>): Occasion => ({
  orgId: 'org-1',
  orgName: '阳光社区党支部',
  years: 10,
  bound: true,
  greeting: null,
  ...o,
})

const rows: Occasion[] = [
  occ({ memberId: 'm-1', name: '张建国', kind: 'political_birthday', on: today, years: 20 }),
  occ({ memberId: 'm-2', name: '李秀英', kind: 'birthday', on: today, years: 56, bound: false }),
  occ({ memberId: 'm-3', name: '王五', kind: 'work_anniversary', on: today, years: 30 }),
  occ({ memberId: 'm-4', name: '赵六', kind: 'birthday', on: later, years: 41, greeting: { id: 'g-9', sentAt: '2026-01-01T01:00:00Z' } }),
]

function greeting(memberId: string, kind: Greeting['kind']): Greeting {
  return { id: `g-${memberId}`, memberId, memberName: 'x', kind, occasionOn: today, years: 20, message: '祝福', orgName: '阳光社区党支部', sentAt: new Date().toISOString(), readAt: null }
}

function serveOccasions(list: Occasion[] = rows) {
  taroStub.serve((req) => {
    const url = new URL(req.url, 'http://h5.test')
    if (req.method === 'GET' && url.pathname === '/api/v1/orgs/org-1/occasions') return { statusCode: 200, data: list }
    return { statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: '没有找到' } }
  })
}

const row = (name: string) => screen.getByText(name).closest('[data-testid="occasion"]') as HTMLElement

beforeEach(() => {
  taroStub.reset()
  saveSession('tok', { id: 'u-1', roles: [{ role: 'staff', orgId: 'org-1', orgName: '阳光社区党支部' }], member: null })
  taroStub.setRouterParams({ orgId: 'org-1' })
})

describe('groupByDate / canGreet', () => {
  it('groups by date in order and keeps the order within a day', () => {
    const groups = groupByDate([rows[3], rows[0], rows[1], rows[2]])
    expect(groups.map((g) => g.date)).toEqual([today, later])
    expect(groups[0].items.map((o) => o.memberId)).toEqual(['m-1', 'm-2', 'm-3'])
  })

  it('greets birthdays and political birthdays not yet sent, never work anniversaries', () => {
    expect(rows.map((o) => canGreet(o, today))).toEqual([true, true, false, false])
    // Next year's occasion waits (the server files greetings under the current year).
    expect(canGreet(occ({ memberId: 'm-5', name: 'x', kind: 'birthday', on: `${Number(today.slice(0, 4)) + 1}-01-02` }), today)).toBe(false)
  })
})

describe('三色生日表 page', () => {
  it('shows the week grouped by date, a colour per kind, and 已发送 where a greeting exists', async () => {
    serveOccasions()
    const { container } = render(<OccasionsPage />)
    await screen.findByText('张建国')
    expect(taroStub.requests[0].url).toBe(`/api/v1/orgs/org-1/occasions?from=${today}&to=${addDays(today, 7)}`)

    const days = container.querySelectorAll('[data-testid="occasion-day"]')
    expect(Array.from(days).map((d) => d.getAttribute('data-date'))).toEqual([today, later])
    expect(within(days[0] as HTMLElement).getByText('今天')).toBeTruthy()

    expect(row('张建国').className).toContain('xf-occ--political_birthday')
    expect(row('张建国').textContent).toContain('政治生日')
    expect(row('张建国').textContent).toContain('党龄 20 年')
    expect(row('李秀英').className).toContain('xf-occ--birthday')
    expect(row('李秀英').textContent).toContain('56 岁')
    expect(row('李秀英').textContent).toContain('未绑定微信')
    expect(row('王五').className).toContain('xf-occ--work_anniversary')
    expect(row('王五').textContent).toContain('工龄 30 年')
    // Work anniversaries get no greeting button; a sent one says so.
    expect(within(row('王五')).queryByText('发送祝福')).toBeNull()
    expect(within(row('赵六')).getByText('已发送')).toBeTruthy()
    expect(within(row('赵六')).queryByText('发送祝福')).toBeNull()
    expect(within(row('张建国')).getByText('发送祝福')).toBeTruthy()

    // 一键发送 counts the unsent greetings of the day; the later day has none left.
    expect(within(days[0] as HTMLElement).getByText('一键发送（2）')).toBeTruthy()
    expect(within(days[1] as HTMLElement).queryByText(/一键发送/)).toBeNull()
    expect(screen.getByText('生日 2')).toBeTruthy()
    expect(screen.getByText('政治生日 1')).toBeTruthy()
    expect(screen.getByText('工龄 1')).toBeTruthy()
  })

  it('sends one greeting and shows 已发送; a 409 GREETING_ALREADY_SENT counts as sent too', async () => {
    serveOccasions()
    render(<OccasionsPage />)
    await screen.findByText('张建国')

    taroStub.respond((req) => {
      expect(req.method).toBe('POST')
      expect(req.url).toBe('/api/v1/greetings')
      expect(req.data).toEqual({ memberId: 'm-1', kind: 'political_birthday' })
      return { statusCode: 201, data: greeting('m-1', 'political_birthday') }
    })
    fireEvent.click(within(row('张建国')).getByText('发送祝福'))
    await waitFor(() => expect(within(row('张建国')).getByText('已发送')).toBeTruthy())
    expect(within(row('张建国')).queryByText('发送祝福')).toBeNull()

    taroStub.respond({ statusCode: 409, data: { statusCode: 409, code: 'GREETING_ALREADY_SENT', message: '李秀英今年的生日祝福已经发送过了' } })
    fireEvent.click(within(row('李秀英')).getByText('发送祝福'))
    await waitFor(() => expect(within(row('李秀英')).getByText('已发送')).toBeTruthy())
    expect(taroStub.toasts).toContain('李秀英今年的生日祝福已经发送过了')
    expect(screen.queryByText(/一键发送/)).toBeNull()
  })

  it('一键发送 sends the day in one batch and shows each result', async () => {
    serveOccasions()
    render(<OccasionsPage />)
    await screen.findByText('张建国')

    const answer: BatchGreetingResult = {
      results: [
        { memberId: 'm-1', kind: 'political_birthday', status: 'sent', greetingId: 'g-1' },
        { memberId: 'm-2', kind: 'birthday', status: 'error', code: 'VALIDATION_FAILED', message: '今年还没有这个纪念日' },
      ],
    }
    taroStub.respond((req) => {
      expect(req.url).toBe('/api/v1/greetings/batch')
      expect(req.data).toEqual({ items: [{ memberId: 'm-1', kind: 'political_birthday' }, { memberId: 'm-2', kind: 'birthday' }] })
      return { statusCode: 200, data: answer }
    })
    fireEvent.click(screen.getByText('一键发送（2）'))
    const panel = await screen.findByTestId('batch-results')
    expect(panel.textContent).toContain('张建国 · 政治生日已发送')
    expect(panel.textContent).toContain('李秀英 · 生日未发送：今年还没有这个纪念日')
    expect(within(row('张建国')).getByText('已发送')).toBeTruthy()
    expect(within(row('李秀英')).getByText('发送祝福')).toBeTruthy()
    expect(screen.getByText('一键发送（1）')).toBeTruthy()
  })

  it('switches to 本月 and says when nothing is coming', async () => {
    serveOccasions([])
    render(<OccasionsPage />)
    await screen.findByText('未来 7 天没有纪念日')
    fireEvent.click(screen.getByText('本月'))
    await screen.findByText('未来 30 天没有纪念日')
    expect(taroStub.requests.map((r) => r.url)).toEqual([
      `/api/v1/orgs/org-1/occasions?from=${today}&to=${addDays(today, 7)}`,
      `/api/v1/orgs/org-1/occasions?from=${today}&to=${addDays(today, 30)}`,
    ])
  })

  it('shows an error with a retry', async () => {
    taroStub.respond({ statusCode: 403, data: { statusCode: 403, code: 'FORBIDDEN', message: 'Forbidden' } })
    render(<OccasionsPage />)
    await screen.findByText('您没有权限进行此操作')
    expect(screen.getByText('重新加载')).toBeTruthy()
  })
})
