import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Greeting } from '@xianfeng/shared'
import { taroStub } from '../../../test/taro-stub'
import { saveSession } from '../../auth/session'
import GreetingsPage from './index'

const g = (id: string, over: Partial<Greeting> = {}): Greeting => ({
  id,
  memberId: 'm-1',
  memberName: '王建国',
  kind: 'political_birthday',
  occasionOn: '2026-07-01',
  years: 27,
  message: '王建国同志：今天是您的政治生日。',
  orgName: '阳光社区党支部',
  sentAt: '2026-07-01T01:00:00Z',
  readAt: null,
  ...over,
})

const member = { id: 'u-1', roles: [], member: { id: 'm-1' } } as never

beforeEach(() => {
  taroStub.reset()
  saveSession('tok', member)
})

describe('我的贺卡 page', () => {
  it('shows unopened cards sealed; opening one marks it read and shows the card', async () => {
    const birthday = g('g-2', { kind: 'birthday', years: 58, occasionOn: '2026-03-14', message: '王建国同志：生日快乐！', readAt: '2026-03-14T02:00:00Z' })
    taroStub.serve((req) => {
      if (req.method === 'POST') {
        expect(req.url).toBe('/api/v1/greetings/g-1/read')
        return { statusCode: 200, data: g('g-1', { readAt: new Date().toISOString() }) }
      }
      return { statusCode: 200, data: { items: [g('g-1'), birthday], nextCursor: null } }
    })
    render(<GreetingsPage />)
    await screen.findByText('您收到一张政治生日贺卡')
    expect(screen.queryByText('王建国同志：今天是您的政治生日。')).toBeNull()
    // An opened one shows everything: kind, years, message, signature, date.
    expect(screen.getByText('生日快乐')).toBeTruthy()
    expect(screen.getByText('58 岁生日')).toBeTruthy()
    expect(screen.getByText('—— 阳光社区党支部')).toBeTruthy()
    expect(screen.getByText('2026年3月14日')).toBeTruthy()

    fireEvent.click(screen.getByText('点击打开'))
    await screen.findByText('王建国同志：今天是您的政治生日。')
    expect(screen.getByText('政治生日快乐')).toBeTruthy()
    expect(screen.getByText('入党 27 周年')).toBeTruthy()
    expect(screen.queryByText('点击打开')).toBeNull()
  })

  it('?id= opens that card first', async () => {
    taroStub.setRouterParams({ id: 'g-3' })
    taroStub.serve((req) => {
      if (req.method === 'POST') return { statusCode: 200, data: g('g-3', { message: '链接里的贺卡', readAt: new Date().toISOString() }) }
      return { statusCode: 200, data: { items: [g('g-1')], nextCursor: null } }
    })
    const { container } = render(<GreetingsPage />)
    await screen.findByText('链接里的贺卡')
    const cards = container.querySelectorAll('[data-testid="greeting-card"]')
    expect(cards).toHaveLength(2)
    expect(cards[0].className).toContain('xf-gcard--highlight')
    expect(taroStub.requests.find((r) => r.method === 'POST')?.url).toBe('/api/v1/greetings/g-3/read')
  })

  it('asks a user without a member record to bind first', async () => {
    saveSession('tok', { id: 'u-2', roles: [], member: null })
    render(<GreetingsPage />)
    await waitFor(() => expect(screen.getByText('绑定党员身份后可以收到贺卡')).toBeTruthy())
    expect(taroStub.requests).toEqual([])
  })
})
