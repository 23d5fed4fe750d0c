import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { CreateMemberResponse, Member, Page } from '@xianfeng/shared'
import Taro from '@tarojs/taro'
import { taroStub } from '../../../../test/taro-stub'
import { saveSession } from '../../../auth/session'
import RosterPage from './index'

const member = (id: string, name: string, over: Partial<Member> = {}): Member => ({
  id,
  orgId: 'org-1',
  orgName: '阳光社区党支部',
  userId: null,
  name,
  gender: 'male',
  birthday: '1970-03-14',
  joinedPartyOn: '1998-07-01',
  status: 'full',
  postKind: 'vanguard',
  postTitle: '楼道先锋岗',
  showPhone: false,
  phone: '13800138000',
  ...over,
})

Object.assign(Taro, { pageScrollTo: () => Promise.resolve() })

beforeEach(() => {
  taroStub.reset()
  saveSession('tok', { id: 'u-1', roles: [{ role: 'staff', orgId: 'org-1', orgName: '阳光社区党支部' }], member: null })
  taroStub.setRouterParams({ orgId: 'org-1' })
})

/** Taro's <Input> renders its native <input> a tick later (it is a web component). */
async function type(container: HTMLElement, name: string, value: string) {
  const input = await waitFor(() => {
    const el = container.querySelector<HTMLInputElement>(`input[name=${name}]`)
    if (!el) throw new Error(`input ${name} not rendered yet`)
    return el
  })
  fireEvent.input(input, { target: { value } })
}

/** A Taro <Picker> answers with a `change` event carrying `detail.value`. */
function pick(el: Element, value: string) {
  act(() => {
    el.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }))
  })
}

describe('党员花名册 page', () => {
  it('searches by name and loads more with the cursor', async () => {
    const pages: Record<string, Page<Member>> = {
      '': { items: [member('m-1', '王建国', { userId: 'u-9' })], nextCursor: 'c-2' },
      'c-2': { items: [member('m-2', '李秀英')], nextCursor: null },
      q: { items: [member('m-2', '李秀英')], nextCursor: null },
    }
    taroStub.serve((req) => {
      const url = new URL(req.url, 'http://h5.test')
      expect(url.pathname).toBe('/api/v1/orgs/org-1/members')
      return { statusCode: 200, data: url.searchParams.get('q') ? pages.q : pages[url.searchParams.get('cursor') ?? ''] }
    })
    const { container } = render(<RosterPage />)
    await screen.findByText('王建国')
    expect(screen.getByText('已绑定微信')).toBeTruthy()
    fireEvent.click(screen.getByText('加载更多'))
    await screen.findByText('李秀英')
    expect(screen.getByText('— 共 2 名党员 —')).toBeTruthy()
    // The unbound one can get a new code; the bound one cannot.
    expect(screen.getAllByText('重新生成绑定码')).toHaveLength(1)

    await type(container, 'q', '李')
    fireEvent.click(screen.getByText('查找'))
    await waitFor(() => expect(screen.queryByText('王建国')).toBeNull())
    expect(taroStub.requests.at(-1)?.url).toBe('/api/v1/orgs/org-1/members?q=%E6%9D%8E')
  })

  it('adds a member (here to a branch under the organisation) and shows the one-time bind code', async () => {
    taroStub.serve((req) =>
      req.url.startsWith('/api/v1/orgs/org-1/children')
        ? { statusCode: 200, data: { items: [{ id: 'org-2', name: '第一党支部', type: 'branch', parentId: 'org-1' }], nextCursor: null } }
        : { statusCode: 200, data: { items: [], nextCursor: null } },
    )
    const { container } = render(<RosterPage />)
    await screen.findByText('花名册还是空的')
    fireEvent.click(screen.getByText('＋ 添加党员'))

    // Nothing goes to the server until the required fields are there.
    fireEvent.click(screen.getByText('添加并生成绑定码'))
    await screen.findByText('请填写姓名')
    expect(screen.getByText('请选择性别')).toBeTruthy()
    expect(taroStub.requests.filter((r) => r.method === 'POST')).toEqual([])

    await type(container, 'name', '钱晓燕')
    fireEvent.click(await screen.findByText('第一党支部'))
    fireEvent.click(screen.getByText('女'))
    const pickers = container.querySelectorAll('[data-testid=member-form] taro-picker-core')
    pick(pickers[0], '1988-03-14')
    pick(pickers[1], '2012-07-01')
    await screen.findByText('1988年3月14日')

    const created: CreateMemberResponse = {
      member: member('m-9', '钱晓燕', { gender: 'female', birthday: '1988-03-14', joinedPartyOn: '2012-07-01', postKind: null, phone: null }),
      bindCode: 'K7M2Q9',
      bindCodeExpiresAt: '2026-12-31T00:00:00.000Z',
    }
    taroStub.respond((req) => {
      expect(req.method).toBe('POST')
      expect(req.url).toBe('/api/v1/orgs/org-2/members')
      expect(req.data).toEqual({
        name: '钱晓燕',
        gender: 'female',
        birthday: '1988-03-14',
        joinedPartyOn: '2012-07-01',
        workStartedOn: null,
        status: 'full',
        postKind: null,
        postTitle: null,
        duties: null,
        phone: null,
        showPhone: false,
      })
      return { statusCode: 201, data: created }
    })
    fireEvent.click(screen.getByText('添加并生成绑定码'))
    const panel = await screen.findByTestId('bind-code')
    expect(within(panel).getByText('K7M2Q9')).toBeTruthy()
    expect(panel.textContent).toContain('钱晓燕 的绑定码')
    expect(panel.textContent).toContain('2026年12月31日前有效')
    expect(container.querySelectorAll('[data-testid=roster-member]')).toHaveLength(1)
  })

  it('shows the server’s field messages beside the fields', async () => {
    taroStub.serve(() => ({ statusCode: 200, data: { items: [], nextCursor: null } }))
    const { container } = render(<RosterPage />)
    await screen.findByText('花名册还是空的')
    fireEvent.click(screen.getByText('＋ 添加党员'))
    await type(container, 'name', '钱晓燕')
    fireEvent.click(screen.getByText('男'))
    const pickers = container.querySelectorAll('[data-testid=member-form] taro-picker-core')
    pick(pickers[0], '1988-03-14')
    pick(pickers[1], '2012-07-01')
    await screen.findByText('2012年7月1日')
    taroStub.respond({
      statusCode: 400,
      data: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'bad', details: [{ field: 'name', message: '姓名太长了' }] },
    })
    fireEvent.click(screen.getByText('添加并生成绑定码'))
    await screen.findByText('姓名太长了')
    expect(screen.getByText('填写的内容有误，请检查标红的项目')).toBeTruthy()
  })
})
