import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Inbox, Notification } from '@xianfeng/shared'
import { taroStub } from '../../../test/taro-stub'
import { saveSession } from '../../auth/session'
import InboxPage, { deliveryNote } from './index'

const note = (n: Partial<Notification> & Pick<Notification, 'id' | 'title'>): Notification => ({
  templateKey: 'greeting',
  body: '正文',
  page: null,
  delivery: 'sent',
  createdAt: new Date().toISOString(),
  readAt: null,
  ...n,
})

const inbox: Inbox = {
  items: [
    note({ id: 'n-1', title: '政治生日祝福', body: '张建国同志：今天是您的政治生日。', page: 'pages/greetings/index?id=g-1', delivery: 'no_quota' }),
    note({ id: 'n-2', title: '一条旧消息', templateKey: 'wish_event', page: 'pages/elsewhere/index?id=w-1', readAt: '2026-01-01T00:00:00Z' }),
  ],
  nextCursor: null,
  unread: 1,
}

beforeEach(() => {
  taroStub.reset()
  saveSession('tok', { id: 'u-1', roles: [], member: null })
})

describe('消息 inbox page', () => {
  it('speaks of WeChat delivery only where the person can turn reminders on', () => {
    const n = (delivery: Notification['delivery']) => note({ id: 'x', title: 't', delivery })
    expect(deliveryNote(n('no_quota'), true)).toContain('开启微信提醒')
    expect(deliveryNote(n('no_quota'), false)).toBeNull()
    expect(deliveryNote(n('failed'), true)).toBeNull()
    expect(deliveryNote(n('sent'), true)).toBeNull()
  })

  it('lists messages with the unread dot and a discreet delivery note; H5 explains subscriptions', async () => {
    taroStub.serve(() => ({ statusCode: 200, data: inbox }))
    const { container } = render(<InboxPage />)
    await screen.findByText('政治生日祝福')
    const [first, second] = Array.from(container.querySelectorAll('[data-testid="notification"]'))
    expect(first.className).toContain('xf-note--unread')
    expect(first.querySelector('.xf-note__dot')).toBeTruthy()
    // Not pushed for want of a grant: a browser cannot ask for one, so nothing is said about it.
    expect(first.textContent).not.toMatch(/未推送|微信提醒/)
    expect(first.textContent).toContain('查看 ›')
    expect(second.className).not.toContain('xf-note--unread')
    expect(second.textContent).not.toMatch(/未推送|微信提醒/)
    // Not a page of this client: nothing to open.
    expect(second.textContent).not.toContain('查看')
    expect(screen.getByText('1 条未读')).toBeTruthy()
    expect(screen.getByText('网页版不支持微信订阅消息，消息会保存在站内信箱')).toBeTruthy()
  })

  it('a tap marks it read and opens the linked page', async () => {
    taroStub.serve((req) => {
      if (req.method === 'POST') {
        expect(req.url).toBe('/api/v1/notifications/n-1/read')
        return { statusCode: 200, data: { ...inbox.items[0], readAt: new Date().toISOString() } }
      }
      return { statusCode: 200, data: req.url.includes('limit=1') ? { ...inbox, unread: 0 } : inbox }
    })
    const { container } = render(<InboxPage />)
    await screen.findByText('政治生日祝福')
    fireEvent.click(screen.getByText('政治生日祝福'))
    expect(taroStub.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/greetings/index?id=g-1' }])
    await waitFor(() => expect(taroStub.requests.some((r) => r.method === 'POST')).toBe(true))
    expect(container.querySelector('.xf-note--unread')).toBeNull()
    await waitFor(() => expect(screen.queryByText('1 条未读')).toBeNull())

    // The read one opens nothing and is not marked again.
    fireEvent.click(screen.getByText('一条旧消息'))
    expect(taroStub.navigations).toHaveLength(1)
    expect(taroStub.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  it('says when there is nothing, and asks a guest to log in', async () => {
    taroStub.serve(() => ({ statusCode: 200, data: { items: [], nextCursor: null, unread: 0 } }))
    const { unmount } = render(<InboxPage />)
    await screen.findByText('还没有消息')
    unmount()
    taroStub.reset()
    render(<InboxPage />)
    await act(async () => undefined)
    expect(screen.getByText('登录后查看消息')).toBeTruthy()
    expect(taroStub.requests).toEqual([])
  })
})
