import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Member } from '@xianfeng/shared'
import { taroStub } from '../../test/taro-stub'
import { saveSession } from '../auth/session'
import { ProfileForm } from './ProfileForm'

const member: Member = {
  id: 'm-1',
  orgId: 'org-1',
  orgName: '阳光社区党委',
  userId: 'u-1',
  name: '王建国',
  gender: 'male',
  birthday: '1970-01-01',
  joinedPartyOn: '1998-07-01',
  status: 'full',
  postKind: 'demonstration',
  postTitle: '便民服务示范岗',
  duties: '走访独居老人',
  phone: '13800138000',
  showPhone: true,
}

beforeEach(() => {
  taroStub.reset()
  saveSession('tok', { id: 'u-1', roles: [], member })
})

describe('ProfileForm', () => {
  it('saves the public fields with PATCH /members/me', async () => {
    const onSaved = jest.fn()
    taroStub.respond({ statusCode: 200, data: member })
    render(<ProfileForm member={member} onSaved={onSaved} />)
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(member))
    const [req] = taroStub.requests
    expect([req.method, req.url]).toEqual(['PATCH', '/api/v1/members/me'])
    expect(req.data).toEqual({ postTitle: '便民服务示范岗', duties: '走访独居老人', phone: '13800138000', showPhone: true })
    expect(taroStub.toasts).toEqual(['已保存'])
  })

  it('will not publish an empty phone number', async () => {
    render(<ProfileForm member={{ ...member, phone: null }} onSaved={jest.fn()} />)
    fireEvent.click(screen.getByText('保存'))
    await screen.findByText('公开手机号前，请先填写号码')
    expect(taroStub.requests).toHaveLength(0)
  })

  it("shows the server's field errors beside the field", async () => {
    taroStub.respond({
      statusCode: 400,
      data: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Validation failed', details: [{ field: 'duties', message: '职责不能超过300字' }] },
    })
    render(<ProfileForm member={member} onSaved={jest.fn()} />)
    fireEvent.click(screen.getByText('保存'))
    await screen.findByText('职责不能超过300字')
    expect(screen.getByText('填写的内容有误，请检查标红的项目')).toBeTruthy()
  })
})
