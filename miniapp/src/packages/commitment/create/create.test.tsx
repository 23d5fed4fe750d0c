import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Commitment, User } from '@xianfeng/shared'
import { taroStub } from '../../../../test/taro-stub'
import { saveSession } from '../../../auth/session'
import CommitmentCreatePage from './index'

const member: User = {
  id: 'u-1',
  roles: [],
  member: { id: 'm-1', orgId: 'org-2', orgName: '幸福里社区第一党支部', userId: 'u-1', name: '王小明', gender: 'male', birthday: '1990-01-01', joinedPartyOn: '2015-07-01', status: 'full', postKind: null, showPhone: false },
}

async function fill(container: HTMLElement, selector: string, value: string) {
  const el = await waitFor(() => {
    const found = container.querySelector(selector)
    if (!found) throw new Error(`${selector} not rendered yet`)
    return found
  })
  fireEvent.input(el, { target: { value } })
}

beforeEach(() => taroStub.reset())

describe('commitment create form', () => {
  it('asks a user who is not a member to bind first', async () => {
    saveSession('tok', { id: 'u-2', roles: [], member: null })
    render(<CommitmentCreatePage />)
    await screen.findByText('绑定党员身份后才能发布承诺')
  })

  it('checks the form, saves a draft in the member’s organisation with 1–10 items, then submits it', async () => {
    saveSession('tok', member)
    const { container } = render(<CommitmentCreatePage />)
    await screen.findByText('保存草稿')
    fireEvent.click(screen.getByText('保存草稿'))
    await screen.findByText('请填写承诺标题')
    expect(screen.getByText('至少写一项具体事项')).toBeTruthy()
    expect(screen.getByText('请选择完成期限')).toBeTruthy()
    expect(taroStub.requests).toHaveLength(0)

    await fill(container, 'input[name=title]', '每月为老人量一次血压')
    await fill(container, 'textarea', '每月第一个周日上午在 3 号楼一楼量血压。')
    await fill(container, 'input[name=item-0]', '每月测一次')
    fireEvent.click(screen.getByText('＋ 添加一项'))
    await fill(container, 'input[name=item-1]', '多余的一项')
    fireEvent.click(screen.getByText('＋ 添加一项'))
    await fill(container, 'input[name=item-2]', '异常时联系家属')
    fireEvent.click(screen.getByLabelText('删除第 2 项'))
    expect(screen.getByText('具体事项（2/10）')).toBeTruthy()
    // The date picker's answer.
    const picker = container.querySelector('taro-picker-core')!
    fireEvent(picker, new CustomEvent('change', { detail: { value: '2099-12-31' } }))
    await screen.findByText('2099年12月31日')

    const draft = { id: 'c-9', status: 'draft' } as Commitment
    taroStub.respond({ statusCode: 201, data: draft })
    await act(async () => {
      fireEvent.click(screen.getByText('保存草稿'))
    })
    await screen.findByText('承诺草稿已保存')
    const [create] = taroStub.requests
    expect([create.method, create.url]).toEqual(['POST', '/api/v1/commitments'])
    expect(create.data).toEqual({
      ownerType: 'member',
      orgId: 'org-2',
      title: '每月为老人量一次血压',
      content: '每月第一个周日上午在 3 号楼一楼量血压。',
      items: ['每月测一次', '异常时联系家属'],
      dueOn: '2099-12-31',
    })

    taroStub.respond({ statusCode: 200, data: { ...draft, status: 'pending_review' } })
    await act(async () => {
      fireEvent.click(screen.getByText('提交审核'))
    })
    await waitFor(() => expect(taroStub.navigations).toEqual([{ kind: 'redirectTo', url: '/packages/commitment/detail/index?id=c-9' }]))
    expect(taroStub.requests[1].url).toBe('/api/v1/commitments/c-9/submit')
    expect(taroStub.toasts).toContain('已提交审核')
  })

  it('shows CONTENT_REJECTED in words', async () => {
    saveSession('tok', member)
    const { container } = render(<CommitmentCreatePage />)
    await fill(container, 'input[name=title]', '标题')
    await fill(container, 'textarea', '内容')
    await fill(container, 'input[name=item-0]', '事项')
    fireEvent(container.querySelector('taro-picker-core')!, new CustomEvent('change', { detail: { value: '2099-01-01' } }))
    await screen.findByText('2099年1月1日')
    taroStub.respond({ statusCode: 400, data: { statusCode: 400, code: 'CONTENT_REJECTED', message: '内容未通过安全检查，未保存，请修改后重试' } })
    await act(async () => {
      fireEvent.click(screen.getByText('保存草稿'))
    })
    await screen.findByText('内容没有通过安全检查，未能保存。请修改可能敏感的文字后再试')
  })

  it('lets staff write a 支部承诺 for an organisation they serve (preselected from the workbench), and a member-staff choose', async () => {
    saveSession('tok', { ...member, roles: [{ role: 'staff', orgId: 'org-7', orgName: '幸福里社区党委' }] })
    taroStub.setRouterParams({ ownerType: 'branch', orgId: 'org-7' })
    const { container } = render(<CommitmentCreatePage />)
    await screen.findByText(/以“幸福里社区党委”的名义发布支部承诺/)
    expect(screen.getByText('个人承诺')).toBeTruthy()
    await fill(container, 'input[name=title]', '支部每月开展一次义诊')
    await fill(container, 'textarea', '联系社区医院，每月第二个周六在广场义诊。')
    await fill(container, 'input[name=item-0]', '每月义诊一次')
    fireEvent(container.querySelector('taro-picker-core')!, new CustomEvent('change', { detail: { value: '2099-12-31' } }))
    taroStub.respond({ statusCode: 201, data: { id: 'c-10', status: 'draft' } as Commitment })
    await act(async () => {
      fireEvent.click(screen.getByText('保存草稿'))
    })
    await screen.findByText('承诺草稿已保存')
    expect(taroStub.requests[0].data).toMatchObject({ ownerType: 'branch', orgId: 'org-7', title: '支部每月开展一次义诊' })
  })

  it('offers staff who are not members the 支部承诺 only', async () => {
    saveSession('tok', { id: 'u-3', roles: [{ role: 'staff', orgId: 'org-7', orgName: '幸福里社区党委' }], member: null })
    render(<CommitmentCreatePage />)
    await screen.findByText(/以“幸福里社区党委”的名义发布支部承诺/)
    expect(screen.queryByText('个人承诺')).toBeNull()
  })
})
