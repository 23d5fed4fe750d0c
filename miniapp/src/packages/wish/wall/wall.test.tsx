import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { OrgDetail, Page, Wish, WishCounts } from '@xianfeng/shared'
import { taroStub } from '../../../../test/taro-stub'
import { saveSession } from '../../../auth/session'
import WishWallPage from './index'

const org: OrgDetail = { id: 'org-1', name: '幸福里社区党委', type: 'community', parentId: 'org-0', parentName: '红旗街道党工委', counts: { members: 15, children: 2 }, viewer: { staff: false } }
const counts: WishCounts = { orgId: 'org-1', posted: 12, open: 3, claimed: 8, fulfilled: 6, confirmed: 4 }

function wish(id: string, title: string, status: Wish['status']): Wish {
  return {
    id,
    orgId: 'org-1',
    orgName: '幸福里社区党委',
    title,
    description: '说明',
    category: 'service',
    status,
    wisherDisplayName: '张**',
    claimant: status === 'open' ? null : { memberId: 'm-1', name: '王小明' },
    expiresOn: null,
    fulfilment: null,
    confirmation: null,
    viewer: { wisher: false, claimer: false, staff: false },
    createdAt: '2025-03-01T02:00:00.000Z',
    updatedAt: '2025-03-01T02:00:00.000Z',
  }
}

/** Answers the wall's routes; `pages` by `status|cursor`; `staff`: what the server says of the caller. */
function serve(pages: Record<string, Page<Wish>>, staff = false) {
  taroStub.serve((req) => {
    const url = new URL(req.url, 'http://h5.test')
    if (url.pathname === '/api/v1/orgs/org-1') return { statusCode: 200, data: { ...org, viewer: { staff } } }
    if (url.pathname === '/api/v1/orgs/org-1/wish-counts') return { statusCode: 200, data: counts }
    if (url.pathname === '/api/v1/wishes') {
      const key = `${url.searchParams.get('status') ?? url.searchParams.get('mine')}|${url.searchParams.get('cursor') ?? ''}`
      const page = pages[key]
      if (page) return { statusCode: 200, data: page }
      return { statusCode: 500, data: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'boom' } }
    }
    throw new Error(`unexpected ${req.method} ${req.url}`)
  })
}

beforeEach(() => {
  taroStub.reset()
  taroStub.setRouterParams({ orgId: 'org-1' })
})

describe('wish wall', () => {
  it('shows the counts, the open wishes, and more with the cursor', async () => {
    serve({
      'open|': { items: [wish('w-1', '修声控灯', 'open')], nextCursor: 'c2' },
      'open|c2': { items: [wish('w-2', '旧电脑', 'open')], nextCursor: null },
    })
    render(<WishWallPage />)
    await screen.findByText('修声控灯')
    expect(screen.getByTestId('wish-counts').textContent).toContain('已认领完成6个')
    expect(screen.getByText('累计上墙 12 个 · 待认领 3 个')).toBeTruthy()
    expect(screen.getByText('‹ 上级：红旗街道党工委')).toBeTruthy()
    // Not logged in: no 我的 / 待审核 filters.
    expect(screen.queryByText('我发布的')).toBeNull()
    expect(screen.queryByText('待审核')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'))
    })
    await screen.findByText('旧电脑')
    expect(screen.getByText('— 共 2 个心愿 —')).toBeTruthy()
    expect(taroStub.requests.some((r) => r.url === '/api/v1/wishes?orgId=org-1&status=open&cursor=c2')).toBe(true)

    fireEvent.click(screen.getByText('修声控灯'))
    expect(taroStub.navigations).toEqual([{ kind: 'navigateTo', url: '/packages/wish/detail/index?id=w-1' }])
  })

  it('the tabs ask for 进行中 and 已完成 (fulfilled and confirmed); an empty tab says so', async () => {
    serve({
      'open|': { items: [], nextCursor: null },
      'claimed|': { items: [wish('w-3', '陪老伴复查', 'claimed')], nextCursor: null },
      'fulfilled,confirmed|': { items: [], nextCursor: null },
    })
    render(<WishWallPage />)
    await screen.findByText('暂时没有可认领的心愿')
    expect(screen.getByText('看看红旗街道党工委的心愿墙 ›')).toBeTruthy()
    fireEvent.click(screen.getByText('进行中', { selector: '[role=tab] *' }))
    await screen.findByText('陪老伴复查')
    expect(screen.getByText('认领：党员 王小明')).toBeTruthy()
    fireEvent.click(screen.getByText('已完成', { selector: '[role=tab] *' }))
    await screen.findByText('还没有已完成的心愿')
    expect(taroStub.requests.map((r) => r.url)).toContain('/api/v1/wishes?orgId=org-1&status=fulfilled%2Cconfirmed')
  })

  it('a signed-in member has 我发布的 and 我认领的; staff of an ancestor also 待审核', async () => {
    saveSession('tok', { id: 'u-1', roles: [{ role: 'staff', orgId: 'org-0' }], member: null })
    serve({ 'open|': { items: [], nextCursor: null }, 'pending_review|': { items: [wish('w-4', '助行器', 'pending_review')], nextCursor: null } }, true)
    render(<WishWallPage />)
    await screen.findByText('我发布的')
    // org-1's parent is org-0, where the user is staff: the server's answer for org-1 says so.
    await screen.findByText('待审核')
    expect(screen.queryByText('我认领的')).toBeNull()
    fireEvent.click(screen.getByText('待审核'))
    await screen.findByText('助行器')
  })

  it('no 待审核 for staff of another organisation: the server decides, not the roles', async () => {
    saveSession('tok', { id: 'u-1', roles: [{ role: 'staff', orgId: 'org-9' }], member: null })
    serve({ 'open|': { items: [], nextCursor: null } })
    render(<WishWallPage />)
    await screen.findByText('我发布的')
    expect(screen.queryByText('待审核')).toBeNull()
    // Nothing walks the tree: the wall asks for its own organisation only.
    expect(taroStub.requests.filter((r) => /^\/api\/v1\/orgs\/[^/]+$/.test(r.url)).map((r) => r.url)).toEqual(['/api/v1/orgs/org-1'])
  })

  it('has an error state that retries', async () => {
    serve({})
    render(<WishWallPage />)
    await screen.findByText('服务器出错了，请稍后再试')
    fireEvent.click(screen.getByText('重新加载'))
    await waitFor(() => expect(taroStub.requests.filter((r) => r.url.startsWith('/api/v1/wishes')).length).toBe(2))
  })
})
