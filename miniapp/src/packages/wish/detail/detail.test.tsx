import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { User, Wish } from '@xianfeng/shared'
import { taroStub } from '../../../../test/taro-stub'
import { saveSession } from '../../../auth/session'
import WishDetailPage from './index'

const PHONE = '13700001234'

const base: Wish = {
  id: 'w-1',
  orgId: 'org-1',
  orgName: '幸福里社区党委',
  title: '需要一个助行器',
  description: '腿部手术后恢复期，需要助行器练习走路。',
  category: 'goods',
  status: 'open',
  wisherDisplayName: '李**',
  claimant: null,
  expiresOn: '2030-01-31',
  fulfilment: null,
  confirmation: null,
  viewer: { wisher: false, claimer: false, staff: false },
  createdAt: '2025-03-01T02:00:00.000Z',
  updatedAt: '2025-03-01T02:00:00.000Z',
  history: [
    { action: 'post', fromStatus: null, toStatus: 'pending_review', actorRole: 'wisher', actorLabel: '群众', at: '2025-03-01T02:00:00.000Z' },
    { action: 'approve', fromStatus: 'pending_review', toStatus: 'open', actorRole: 'staff', actorLabel: '工作人员', at: '2025-03-01T03:00:00.000Z' },
  ],
}

const claimedByMe: Wish = {
  ...base,
  status: 'claimed',
  claimant: { memberId: 'm-1', name: '王小明' },
  wisher: { name: '李桂兰', phone: PHONE, onBehalf: false },
  viewer: { wisher: false, claimer: true, staff: false },
  history: [...base.history!, { action: 'claim', fromStatus: 'open', toStatus: 'claimed', actorRole: 'member', actorLabel: '党员 王小明', at: '2025-03-02T02:00:00.000Z' }],
}

const member: User = {
  id: 'u-2',
  roles: [],
  member: {
    id: 'm-1',
    orgId: 'org-2',
    orgName: '幸福里社区第一党支部',
    userId: 'u-2',
    name: '王小明',
    gender: 'male',
    birthday: '1990-01-01',
    joinedPartyOn: '2015-07-01',
    status: 'full',
    postKind: null,
    showPhone: false,
  },
}
const staff: User = { id: 'u-3', roles: [{ role: 'staff', orgId: 'org-1', orgName: '幸福里社区党委' }], member: null }
const resident: User = { id: 'u-4', roles: [], member: null }

/** Serves GET /wishes/w-1 with `wish`; other requests come from `taroStub.respond`. */
function serve(wish: Wish) {
  taroStub.serve((req) => {
    if (req.method === 'GET' && req.url === '/api/v1/wishes/w-1') return { statusCode: 200, data: wish }
    throw new Error(`unexpected ${req.method} ${req.url}`)
  })
}

/** Taro's Textarea renders its native element a tick after the component. */
async function typeInto(container: HTMLElement, selector: string, value: string) {
  const el = await waitFor(() => {
    const found = container.querySelector(selector)
    if (!found) throw new Error(`${selector} not rendered yet`)
    return found
  })
  fireEvent.input(el, { target: { value } })
}

const posts = () => taroStub.requests.filter((r) => r.method === 'POST')

beforeEach(() => {
  taroStub.reset()
  taroStub.setRouterParams({ id: 'w-1' })
})

describe('wish detail: actions by role', () => {
  it('the public sees the masked name, no phone, no staff or claimer actions, and is asked to log in to claim', async () => {
    serve(base)
    const { container } = render(<WishDetailPage />)
    await screen.findByText('需要一个助行器')
    expect(screen.getByTestId('wisher-name').textContent).toBe('李**')
    expect(screen.getByText('可认领')).toBeTruthy()
    expect(screen.getByText('登录后认领')).toBeTruthy()
    for (const t of ['通过', '驳回', '我来认领', '标记完成', '确认完成']) expect(screen.queryByText(t)).toBeNull()
    expect(screen.queryByTestId('wisher-contact')).toBeNull()
    // No phone in any form.
    expect(container.textContent!.replace(/\s+/g, '')).not.toMatch(/1\d{10}/)
    expect(container.innerHTML).not.toContain(PHONE)
    // History, oldest first.
    const timeline = screen.getByTestId('timeline').textContent!
    expect(timeline.indexOf('发布心愿')).toBeLessThan(timeline.indexOf('审核通过'))

    fireEvent.click(screen.getByText('登录后认领'))
    expect(taroStub.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/login/index' }])
  })

  it('a resident who is not a member is pointed to binding, not to claiming', async () => {
    saveSession('tok', resident)
    serve(base)
    render(<WishDetailPage />)
    await screen.findByText('去绑定党员身份')
    expect(screen.queryByText('我来认领')).toBeNull()
  })

  it('a member claims, then sees the wisher’s contact and the claimer’s actions', async () => {
    saveSession('tok', member)
    serve(base)
    const { container } = render(<WishDetailPage />)
    await screen.findByText('我来认领')
    taroStub.respond({ statusCode: 200, data: claimedByMe })
    await act(async () => {
      fireEvent.click(screen.getByText('我来认领'))
    })
    await screen.findByTestId('wisher-contact')
    expect(posts().map((r) => r.url)).toEqual(['/api/v1/wishes/w-1/claim'])
    expect(taroStub.toasts).toContain('认领成功')
    expect(screen.getByText('李桂兰')).toBeTruthy()
    expect(screen.getByText('拨打 137 0000 1234')).toBeTruthy()
    expect(screen.getByText('进行中')).toBeTruthy()
    expect(screen.getByText('标记完成')).toBeTruthy()
    expect(screen.getByText('办不了？释放心愿')).toBeTruthy()

    fireEvent.click(screen.getByText('拨打 137 0000 1234'))
    expect(taroStub.calls).toEqual([PHONE])

    // 完成 with a note.
    await typeInto(container, '[data-testid=wish-fulfil] textarea', '  已送去助行器并教会使用  ')
    taroStub.respond({ statusCode: 200, data: { ...claimedByMe, status: 'fulfilled', fulfilment: { note: '已送去助行器并教会使用', photos: [], fulfilledAt: '2025-03-03T02:00:00.000Z' } } })
    await act(async () => {
      fireEvent.click(screen.getByText('标记完成'))
    })
    await screen.findByTestId('wish-fulfilment')
    const fulfil = posts()[1]
    expect([fulfil.url, fulfil.data]).toEqual(['/api/v1/wishes/w-1/fulfil', { note: '已送去助行器并教会使用' }])
    expect(screen.getByText('等待心愿人确认', { exact: false })).toBeTruthy()
  })

  it.each([
    ['WISH_ALREADY_CLAIMED', '该心愿已被认领', '手慢了一步：这个心愿刚刚已被其他党员认领'],
    ['WISH_NOT_OPEN', '该心愿当前不可认领', '这个心愿现在不能认领（可能已过期或已撤下）'],
    ['CLAIM_LIMIT_REACHED', '您有 3 个认领中的心愿，已达上限 3 个，请先完成或释放', '您有 3 个认领中的心愿，已达上限 3 个，请先完成或释放'],
  ])('a 409 %s reads clearly', async (code, message, shown) => {
    saveSession('tok', member)
    serve(base)
    render(<WishDetailPage />)
    await screen.findByText('我来认领')
    taroStub.respond({ statusCode: 409, data: { statusCode: 409, code, message } })
    await act(async () => {
      fireEvent.click(screen.getByText('我来认领'))
    })
    await screen.findByText(shown)
    // A conflict about the wish itself reloads it; the limit is about the member.
    const gets = taroStub.requests.filter((r) => r.method === 'GET').length
    expect(gets).toBe(code === 'CLAIM_LIMIT_REACHED' ? 1 : 2)
  })

  it('the claimer may release the wish back to the wall', async () => {
    saveSession('tok', member)
    serve(claimedByMe)
    render(<WishDetailPage />)
    await screen.findByText('办不了？释放心愿')
    taroStub.respond({ statusCode: 200, data: { ...base, viewer: { wisher: false, claimer: false, staff: false } } })
    await act(async () => {
      fireEvent.click(screen.getByText('办不了？释放心愿'))
    })
    await screen.findByText('我来认领')
    expect(posts().map((r) => r.url)).toEqual(['/api/v1/wishes/w-1/release'])
    expect(screen.queryByTestId('wisher-contact')).toBeNull()
  })

  it('staff review a pending wish: 通过 without a date, 驳回 with a reason', async () => {
    saveSession('tok', staff)
    const pending: Wish = { ...base, status: 'pending_review', wisher: { name: '李桂兰', phone: PHONE, onBehalf: false }, viewer: { wisher: false, claimer: false, staff: true }, history: base.history!.slice(0, 1) }
    serve(pending)
    const { container } = render(<WishDetailPage />)
    await screen.findByText('审核心愿')
    expect(screen.getByText('待审核')).toBeTruthy()
    expect(screen.queryByText('我来认领')).toBeNull()
    // The last day staff set earlier is offered again.
    expect(screen.getByTestId('date-field').textContent).toContain('2030年1月31日')

    fireEvent.click(screen.getByText('驳回'))
    expect(screen.getByText('确认驳回')).toBeTruthy()
    await typeInto(container, '[data-testid=wish-review] textarea', '不属于本社区')
    taroStub.respond({ statusCode: 200, data: { ...pending, status: 'rejected', rejectReason: '不属于本社区' } })
    await act(async () => {
      fireEvent.click(screen.getByText('确认驳回'))
    })
    await screen.findByText('未通过审核：不属于本社区')
    expect([posts()[0].url, posts()[0].data]).toEqual(['/api/v1/wishes/w-1/reject', { reason: '不属于本社区' }])
    expect(screen.queryByText('审核心愿')).toBeNull()
  })

  it('staff approve (without a last day when none was set)', async () => {
    saveSession('tok', staff)
    const pending: Wish = { ...base, status: 'pending_review', expiresOn: null, viewer: { wisher: false, claimer: false, staff: true } }
    serve(pending)
    render(<WishDetailPage />)
    await screen.findByText('通过')
    taroStub.respond({ statusCode: 200, data: { ...pending, status: 'open' } })
    await act(async () => {
      fireEvent.click(screen.getByText('通过'))
    })
    await waitFor(() => expect(posts()).toHaveLength(1))
    expect([posts()[0].url, posts()[0].data]).toEqual(['/api/v1/wishes/w-1/approve', {}])
    await waitFor(() => expect(screen.queryByText('审核心愿')).toBeNull())
  })

  it('the wisher confirms with a rating and thanks', async () => {
    saveSession('tok', resident)
    const fulfilled: Wish = {
      ...claimedByMe,
      status: 'fulfilled',
      viewer: { wisher: true, claimer: false, staff: false },
      fulfilment: { note: '已送到', photos: [], fulfilledAt: '2025-03-03T02:00:00.000Z' },
    }
    serve(fulfilled)
    const { container } = render(<WishDetailPage />)
    await screen.findByTestId('wish-confirm')
    expect(screen.getByText('您留下的联系方式')).toBeTruthy()
    expect(screen.queryByText('标记完成')).toBeNull()
    fireEvent.click(screen.getByLabelText('4 分'))
    expect(screen.getByText('4 分 · 满意')).toBeTruthy()
    await typeInto(container, '[data-testid=wish-confirm] textarea', '谢谢小王！')
    taroStub.respond({ statusCode: 200, data: { ...fulfilled, status: 'confirmed', confirmation: { thanks: '谢谢小王！', rating: 4, confirmedAt: '2025-03-04T02:00:00.000Z' } } })
    const button = container.querySelector('[data-testid=wish-confirm] taro-button-core')!
    await act(async () => {
      fireEvent.click(button)
    })
    await screen.findByTestId('wish-confirmation')
    expect([posts()[0].url, posts()[0].data]).toEqual(['/api/v1/wishes/w-1/confirm', { thanks: '谢谢小王！', rating: 4 }])
    expect(screen.getByText('“谢谢小王！”')).toBeTruthy()
  })

  it('shows not-found as an error state with the way home (reloading would not bring it back)', async () => {
    taroStub.serve(() => ({ statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: '心愿不存在' } }))
    render(<WishDetailPage />)
    await screen.findByText('心愿不存在')
    expect(screen.queryByText('重新加载')).toBeNull()
    fireEvent.click(screen.getByText('返回首页'))
    expect(taroStub.navigations).toEqual([{ kind: 'reLaunch', url: '/pages/index/index' }])
  })

  it('offers 重新加载 when the server failed', async () => {
    taroStub.serve(() => ({ statusCode: 503, data: { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '服务暂时不可用' } }))
    render(<WishDetailPage />)
    await screen.findByText('重新加载')
    expect(screen.queryByText('返回首页')).toBeNull()
  })
})
