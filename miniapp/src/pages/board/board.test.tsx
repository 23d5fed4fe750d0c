import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Board, OrgDetail, Page, Org } from '@xianfeng/shared'
import { taroStub } from '../../../test/taro-stub'
import { cardWithPhone, cardWithoutPhone, org } from '../../../test/fixtures'
import BoardPage from './index'

const detail: OrgDetail = { ...org, parentName: null, counts: { members: 46, children: 1 }, viewer: { staff: false } }
const child: Org = { id: 'org-2', name: '第一党支部', type: 'branch', parentId: 'org-1' }

function serveBoard(pages: Record<string, Board>) {
  taroStub.serve((req) => {
    const url = new URL(req.url, 'http://h5.test')
    const p = url.pathname
    if (p === '/api/v1/orgs/org-1') return { statusCode: 200, data: detail }
    if (p === '/api/v1/orgs/org-1/children') return { statusCode: 200, data: { items: [child], nextCursor: null } satisfies Page<Org> }
    if (p === '/api/v1/orgs/org-1/board') return { statusCode: 200, data: pages[url.searchParams.get('cursor') ?? ''] }
    return { statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: '组织不存在' } }
  })
}

beforeEach(() => {
  taroStub.reset()
  taroStub.setRouterParams({ orgId: 'org-1' })
})

describe('亮岗 board page', () => {
  it('shows the organisation, its children and the public cards; the phone only where shared', async () => {
    serveBoard({ '': { org, items: [cardWithPhone, cardWithoutPhone], nextCursor: null } })
    const { container } = render(<BoardPage />)
    expect(screen.getByText('正在加载…')).toBeTruthy()

    await screen.findByText('王建国')
    expect(screen.getByText('阳光社区党委')).toBeTruthy()
    expect(screen.getByText('社区')).toBeTruthy()
    expect(screen.getByText('党员 46 名')).toBeTruthy()
    expect(screen.getByText('第一党支部')).toBeTruthy()

    const cards = container.querySelectorAll('[data-testid="member-card"]')
    expect(cards).toHaveLength(2)
    const [first, second] = Array.from(cards).map((c) => c.textContent ?? '')
    expect(first).toContain('党员示范岗')
    expect(first).toContain('便民服务示范岗')
    expect(first).toContain('党龄 27 年')
    expect(first).toContain('拨打 138 0013 8000')
    expect(second).toContain('党员先锋岗')
    expect(second).not.toContain('拨打')
    expect(second).not.toMatch(/1[3-9]\d/)

    fireEvent.click(screen.getByText('拨打 138 0013 8000'))
    expect(taroStub.calls).toEqual(['13800138000'])
    // Tapping the phone does not also open the card.
    expect(taroStub.navigations).toEqual([])

    fireEvent.click(screen.getByText('李秀英'))
    expect(taroStub.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/card/index?id=m-2' }])
  })

  it('loads more with the cursor', async () => {
    serveBoard({
      '': { org, items: [cardWithPhone], nextCursor: 'next-1' },
      'next-1': { org, items: [cardWithoutPhone], nextCursor: null },
    })
    render(<BoardPage />)
    await screen.findByText('王建国')
    expect(screen.queryByText('李秀英')).toBeNull()

    await act(async () => {
      fireEvent.click(await screen.findByText('加载更多'))
    })
    await screen.findByText('李秀英')
    expect(taroStub.requests.some((r) => r.url === '/api/v1/orgs/org-1/board?cursor=next-1')).toBe(true)
    expect(screen.queryByText('加载更多')).toBeNull()
    expect(screen.getByText('— 共 2 名党员亮岗 —')).toBeTruthy()
  })

  it('has an empty state', async () => {
    serveBoard({ '': { org, items: [], nextCursor: null } })
    render(<BoardPage />)
    await screen.findByText('本组织暂无公开的党员名片')
  })

  it('has an error state that retries when the server failed', async () => {
    taroStub.setRouterParams({ orgId: 'org-1' })
    taroStub.serve(() => ({ statusCode: 503, data: { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '服务暂时不可用' } }))
    render(<BoardPage />)
    await screen.findByText('服务暂时不可用')
    fireEvent.click(screen.getByText('重新加载'))
    await waitFor(() => expect(taroStub.requests.filter((r) => r.url.includes('/orgs/org-1')).length).toBeGreaterThanOrEqual(2))
    await screen.findByText('服务暂时不可用')
  })

  it('offers the way home for an organisation that does not exist', async () => {
    taroStub.setRouterParams({ orgId: 'missing' })
    serveBoard({})
    render(<BoardPage />)
    await screen.findByText('组织不存在')
    expect(screen.queryByText('重新加载')).toBeNull()
    fireEvent.click(screen.getByText('返回首页'))
    expect(taroStub.navigations).toEqual([{ kind: 'reLaunch', url: '/pages/index/index' }])
  })
})
