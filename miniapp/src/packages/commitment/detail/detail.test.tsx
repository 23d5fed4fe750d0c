import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { Commitment, Member, User } from '@xianfeng/shared'
import { taroStub } from '../../../../test/taro-stub'
import { saveSession } from '../../../auth/session'
import CommitmentDetailPage from './index'

const published: Commitment = {
  id: 'c-1',
  ownerType: 'member',
  ownerMemberId: 'm-1',
  ownerName: '王小明',
  orgId: 'org-2',
  orgName: '幸福里社区第一党支部',
  title: '每周为独居老人送一次菜',
  content: '每周六上午为 3 号楼的三位独居老人代买蔬菜，并陪同聊天半小时。',
  items: ['每周六送菜', '每月一次健康提醒'],
  dueOn: '2025-01-31',
  status: 'published',
  overdue: true,
  viewer: { owner: false, staff: false },
  returnReason: null,
  contentHeld: false,
  reviewSummary: { org: { count: 1, average: 4 }, peer: { count: 0, average: null }, public: { count: 2, average: 4.5 } },
  createdAt: '2024-12-01T02:00:00.000Z',
  updatedAt: '2024-12-05T02:00:00.000Z',
  submittedAt: '2024-12-02T02:00:00.000Z',
  publishedAt: '2024-12-03T02:00:00.000Z',
  fulfilledAt: null,
  progress: [
    { id: 'p-1', text: '本周已为王奶奶、李爷爷送菜，老人们身体都好。', photos: ['/api/v1/uploads/a.jpg'], contentHeld: false, createdAt: '2024-12-10T02:00:00.000Z' },
  ],
  reviews: [
    { kind: 'public', score: 5, comment: '小王很热心', contentHeld: false, mine: false, createdAt: '2024-12-12T02:00:00.000Z' },
    { kind: 'public', score: 4, comment: null, contentHeld: true, mine: false, createdAt: '2024-12-11T02:00:00.000Z' },
    { kind: 'org', score: 4, comment: '按时践诺', contentHeld: false, mine: false, createdAt: '2024-12-11T01:00:00.000Z' },
  ],
}

function memberOf(id: string, orgId: string): Member {
  return { id, orgId, userId: `u-${id}`, name: '某党员', gender: 'female', birthday: '1980-05-05', joinedPartyOn: '2005-07-01', status: 'full', postKind: null, showPhone: false }
}
const owner: User = { id: 'u-m-1', roles: [], member: memberOf('m-1', 'org-2') }
const peer: User = { id: 'u-m-2', roles: [], member: memberOf('m-2', 'org-2') }
const resident: User = { id: 'u-9', roles: [], member: null }
/** Staff of the parent organisation: staff of the commitment's too (the server's `viewer` says so). */
const staff: User = { id: 'u-s', roles: [{ role: 'staff', orgId: 'org-1' }], member: null }

function serve(c: Commitment) {
  taroStub.serve((req) => {
    if (req.method === 'GET' && req.url === `/api/v1/commitments/${c.id}`) return { statusCode: 200, data: c }
    throw new Error(`unexpected ${req.method} ${req.url}`)
  })
}

async function typeInto(container: HTMLElement, selector: string, value: string) {
  const el = await waitFor(() => {
    const found = container.querySelector(selector)
    if (!found) throw new Error(`${selector} not rendered yet`)
    return found
  })
  fireEvent.input(el, { target: { value } })
}

const posts = () => taroStub.requests.filter((r) => r.method === 'POST')
const clickButton = async (container: HTMLElement, scope: string, text: string) => {
  const btn = Array.from(container.querySelectorAll(`${scope} taro-button-core`)).find((b) => b.textContent?.includes(text))
  if (!btn) throw new Error(`no button ${text} in ${scope}`)
  await act(async () => {
    fireEvent.click(btn)
  })
}

beforeEach(() => {
  taroStub.reset()
  taroStub.setRouterParams({ id: 'c-1' })
})

describe('commitment detail', () => {
  it('shows the public everything published: items, due date, progress with photos, reviews and the summary per kind', async () => {
    serve(published)
    const { container } = render(<CommitmentDetailPage />)
    await screen.findByText('每周为独居老人送一次菜')
    expect(screen.getByTestId('commitment-status').textContent).toBe('践诺中')
    expect(screen.getByText('逾期')).toBeTruthy()
    expect(screen.getByText('承诺人：王小明 · 幸福里社区第一党支部')).toBeTruthy()
    expect(screen.getByText('2025年1月31日')).toBeTruthy()
    // The items as a checklist, not yet ticked.
    const items = screen.getByTestId('commitment-items')
    expect(items.textContent).toContain('每周六送菜')
    expect(items.textContent).toContain('每月一次健康提醒')
    expect(items.textContent).not.toContain('✓')
    // Progress, with its photo.
    const timeline = screen.getByTestId('timeline')
    expect(timeline.textContent).toContain('审核通过，承诺公开')
    expect(timeline.textContent).toContain('本周已为王奶奶、李爷爷送菜')
    expect(timeline.querySelector('[data-testid=photo-grid] [src="/api/v1/uploads/a.jpg"]')).toBeTruthy()
    // The summary per kind and the reviews (a held comment is not shown).
    expect(screen.getByTestId('summary-org').textContent).toContain('组织点评4.0')
    expect(screen.getByTestId('summary-org').textContent).toContain('1 条')
    expect(screen.getByTestId('summary-peer').textContent).toContain('党员互评—')
    expect(screen.getByTestId('summary-public').textContent).toContain('4.5')
    const reviews = screen.getAllByTestId('review').map((r) => r.textContent)
    expect(reviews).toHaveLength(3)
    expect(reviews[0]).toContain('群众评议')
    expect(reviews[0]).toContain('5 分')
    expect(reviews[0]).toContain('小王很热心')
    expect(reviews[1]).toContain('评语审核中')
    expect(reviews[2]).toContain('按时践诺')
    // No owner or staff actions; reviewing needs a login. Nothing private on the page.
    for (const t of ['提交审核', '审核通过', '确认践诺', '发布进展', '撤回承诺']) expect(screen.queryByText(t)).toBeNull()
    expect(screen.getByText('登录后评议')).toBeTruthy()
    expect(container.textContent!.replace(/\s+/g, '')).not.toMatch(/1[3-9]\d{9}/)
    expect(container.textContent).not.toContain('1980')
    // A public visitor's page asks nothing about organisations (no staff check without a login).
    expect(taroStub.requests.map((r) => r.url)).toEqual(['/api/v1/commitments/c-1'])
  })

  it('a fulfilled commitment ticks its items', async () => {
    serve({ ...published, status: 'fulfilled', overdue: false, fulfilledAt: '2025-01-20T02:00:00.000Z' })
    render(<CommitmentDetailPage />)
    await screen.findByText('已践诺')
    expect(screen.getByTestId('commitment-items').textContent).toContain('✓')
    expect(screen.queryByText('逾期')).toBeNull()
    expect(screen.getByTestId('timeline').textContent).toContain('党组织确认践诺')
  })

  it('a resident writes a 群众评议; a second one is refused in words', async () => {
    saveSession('tok', resident)
    serve(published)
    const { container } = render(<CommitmentDetailPage />)
    await screen.findByText('提交群众评议')
    fireEvent.click(within(await screen.findByTestId('star-input')).getByLabelText('5 分'))
    await typeInto(container, '[data-testid=commitment-review] textarea', '做得好')
    const after = { ...published, reviews: [{ kind: 'public' as const, score: 5, comment: '做得好', contentHeld: false, mine: true, createdAt: '2025-01-01T02:00:00.000Z' }, ...published.reviews] }
    taroStub.respond({ statusCode: 201, data: after })
    await clickButton(container, '[data-testid=commitment-review]', '提交群众评议')
    await screen.findByText('您已提交群众评议，谢谢您的评价！')
    expect([posts()[0].url, posts()[0].data]).toEqual(['/api/v1/commitments/c-1/reviews', { kind: 'public', score: 5, comment: '做得好' }])
    expect(screen.getByText('我的评价')).toBeTruthy()
  })

  it('ALREADY_REVIEWED shows the message and reloads', async () => {
    saveSession('tok', resident)
    serve(published)
    const { container } = render(<CommitmentDetailPage />)
    await screen.findByText('提交群众评议')
    fireEvent.click(within(await screen.findByTestId('star-input')).getByLabelText('3 分'))
    taroStub.respond({ statusCode: 409, data: { statusCode: 409, code: 'ALREADY_REVIEWED', message: '您已对该承诺进行过群众评议' } })
    await clickButton(container, '[data-testid=commitment-review]', '提交群众评议')
    await screen.findByText('您已对该承诺进行过群众评议')
    await waitFor(() => expect(taroStub.requests.filter((r) => r.url === '/api/v1/commitments/c-1')).toHaveLength(2))
  })

  it('a member of the same branch writes a 党员互评', async () => {
    saveSession('tok', peer)
    serve(published)
    render(<CommitmentDetailPage />)
    await screen.findByText('提交党员互评')
    expect(screen.queryByText('提交群众评议')).toBeNull()
  })

  it('the owner reports progress and cannot review their own commitment', async () => {
    saveSession('tok', owner)
    serve({ ...published, viewer: { owner: true, staff: false } })
    const { container } = render(<CommitmentDetailPage />)
    await screen.findByText('报告践诺进展')
    expect(screen.queryByTestId('commitment-review')).toBeNull()
    await typeInto(container, '[data-testid=commitment-progress-form] textarea', '又送了一次菜')
    taroStub.respond({ statusCode: 201, data: published })
    await clickButton(container, '[data-testid=commitment-progress-form]', '发布进展')
    await waitFor(() => expect(posts()).toHaveLength(1))
    expect([posts()[0].url, posts()[0].data]).toEqual(['/api/v1/commitments/c-1/progress', { text: '又送了一次菜' }])
  })

  it('the owner of a returned draft sees the reason and submits it', async () => {
    saveSession('tok', owner)
    const draft: Commitment = { ...published, viewer: { owner: true, staff: false }, status: 'draft', overdue: false, returnReason: '请写明送菜时间', publishedAt: null, progress: [], reviews: [] }
    serve(draft)
    const { container } = render(<CommitmentDetailPage />)
    await screen.findByText('党组织退回了这项承诺：请写明送菜时间')
    expect(screen.getByText('修改内容')).toBeTruthy()
    expect(screen.queryByTestId('commitment-reviews')).toBeNull()
    taroStub.respond({ statusCode: 200, data: { ...draft, status: 'pending_review', returnReason: null } })
    await clickButton(container, '[data-testid=commitment-owner]', '提交审核')
    await screen.findByText('已提交，正在等待党组织审核。')
    expect(posts()[0].url).toBe('/api/v1/commitments/c-1/submit')
  })

  it('staff of a parent organisation approve or send back a pending commitment, and review as 组织点评', async () => {
    saveSession('tok', staff)
    const pending: Commitment = { ...published, viewer: { owner: false, staff: true }, status: 'pending_review', overdue: false, publishedAt: null, progress: [], reviews: [] }
    serve(pending)
    const { container } = render(<CommitmentDetailPage />)
    await screen.findByText('审核承诺')
    fireEvent.click(screen.getByText('退回修改'))
    await typeInto(container, '[data-testid=commitment-review-staff] textarea', '请写明送菜时间')
    taroStub.respond({ statusCode: 200, data: { ...pending, status: 'draft', returnReason: '请写明送菜时间' } })
    await clickButton(container, '[data-testid=commitment-review-staff]', '确认退回')
    await screen.findByText('党组织退回了这项承诺：请写明送菜时间')
    expect([posts()[0].url, posts()[0].data]).toEqual(['/api/v1/commitments/c-1/return', { reason: '请写明送菜时间' }])
  })

  it('staff mark a published commitment fulfilled and see the 组织点评 form', async () => {
    saveSession('tok', staff)
    serve({ ...published, viewer: { owner: false, staff: true } })
    const { container } = render(<CommitmentDetailPage />)
    await screen.findByText('践诺确认')
    expect(screen.getByText('提交组织点评')).toBeTruthy()
    taroStub.respond({ statusCode: 200, data: { ...published, status: 'fulfilled', overdue: false, fulfilledAt: '2025-02-01T02:00:00.000Z' } })
    await clickButton(container, '[data-testid=commitment-fulfil]', '确认践诺')
    await screen.findByText('已践诺')
    expect(posts()[0].url).toBe('/api/v1/commitments/c-1/fulfil')
  })
})
