import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Org, OrgDetail, Page, Wish } from '@xianfeng/shared'
import { taroStub } from '../../../../test/taro-stub'
import { saveSession } from '../../../auth/session'
import WishPostPage from './index'

const org: OrgDetail = { id: 'org-1', name: '幸福里社区党委', type: 'community', parentId: null, parentName: null, counts: { members: 1, children: 1 }, viewer: { staff: false } }
const child: Org = { id: 'org-2', name: '幸福里社区第一党支部', type: 'branch', parentId: 'org-1' }

function serveOrgs() {
  taroStub.serve((req) => {
    if (req.url === '/api/v1/orgs/org-1') return { statusCode: 200, data: org }
    if (req.url.startsWith('/api/v1/orgs/org-1/children')) return { statusCode: 200, data: { items: [child], nextCursor: null } satisfies Page<Org> }
    throw new Error(`unexpected ${req.method} ${req.url}`)
  })
}

async function fill(container: HTMLElement, selector: string, value: string) {
  const el = await waitFor(() => {
    const found = container.querySelector(selector)
    if (!found) throw new Error(`${selector} not rendered yet`)
    return found
  })
  fireEvent.input(el, { target: { value } })
}

beforeEach(() => {
  taroStub.reset()
  taroStub.setRouterParams({ orgId: 'org-1' })
})

describe('wish post form', () => {
  it('asks a guest to log in', async () => {
    serveOrgs()
    render(<WishPostPage />)
    await screen.findByText('登录后才能发布心愿')
    fireEvent.click(screen.getByText('登录'))
    expect(taroStub.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/login/index' }])
  })

  it('checks the form, posts it to the chosen organisation, and says it awaits review', async () => {
    saveSession('tok', { id: 'u-1', roles: [], member: null })
    serveOrgs()
    const { container } = render(<WishPostPage />)
    await screen.findByText('提交心愿')
    fireEvent.click(screen.getByText('提交心愿'))
    await screen.findByText('请选择心愿类别')
    expect(screen.getByText('请写一句话说明您的心愿')).toBeTruthy()
    expect(taroStub.requests.filter((r) => r.method === 'POST')).toHaveLength(0)

    fireEvent.click(screen.getByText('幸福里社区第一党支部'))
    fireEvent.click(screen.getByTestId('category-errand'))
    await fill(container, 'input[name=title]', ' 陪我去银行 ')
    await fill(container, 'textarea', '腿脚不便，想请人陪同去银行办业务。')
    await fill(container, 'input[name=wisherPhone]', '139 1234 5678')
    await fill(container, 'input[name=wisherPhone]', '13912345678')
    taroStub.respond({ statusCode: 400, data: { statusCode: 400, code: 'CONTENT_REJECTED', message: '内容未通过安全检查，未保存，请修改后重试' } })
    await act(async () => {
      fireEvent.click(screen.getByText('提交心愿'))
    })
    await screen.findByText('内容没有通过安全检查，未能保存。请修改可能敏感的文字后再试')

    taroStub.respond({ statusCode: 201, data: { id: 'w-9' } as Wish })
    await act(async () => {
      fireEvent.click(screen.getByText('提交心愿'))
    })
    await screen.findByText('心愿已提交')
    expect(screen.getByTestId('wish-posted').textContent).toContain('审核')
    const post = taroStub.requests.filter((r) => r.method === 'POST')[1]
    expect([post.url, post.data]).toEqual([
      '/api/v1/wishes',
      { orgId: 'org-2', title: '陪我去银行', description: '腿脚不便，想请人陪同去银行办业务。', category: 'errand', wisherPhone: '13912345678' },
    ])
    fireEvent.click(screen.getByText('查看我的心愿'))
    expect(taroStub.navigations.at(-1)).toEqual({ kind: 'redirectTo', url: '/packages/wish/detail/index?id=w-9' })
  })
})
