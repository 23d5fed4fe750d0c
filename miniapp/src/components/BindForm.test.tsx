import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { taroStub } from '../../test/taro-stub'
import { saveSession } from '../auth/session'
import { BindForm } from './BindForm'

beforeEach(() => {
  taroStub.reset()
  saveSession('tok', { id: 'u-1', roles: [], member: null })
})

/** Taro's <Input> renders its native <input> a tick later (it is a web component). */
async function typeCode(container: HTMLElement, value: string) {
  const input = await waitFor(() => {
    const el = container.querySelector('input')
    if (!el) throw new Error('input not rendered yet')
    return el
  })
  fireEvent.input(input, { target: { value } })
}

describe('BindForm', () => {
  it.each([
    [404, 'BIND_CODE_INVALID', '绑定码无效或已被使用，请向支部核对'],
    [409, 'ALREADY_BOUND', '您的微信已经绑定了党员身份'],
    [409, 'MEMBER_ALREADY_BOUND', '该党员档案已被其他微信绑定'],
  ])('shows the %s %s error in words', async (statusCode, code, text) => {
    taroStub.respond({ statusCode, data: { statusCode, code, message: 'nope' } })
    const onBound = jest.fn()
    const { container } = render(<BindForm onBound={onBound} />)
    await typeCode(container, 'K7M2Q9')
    fireEvent.click(screen.getByText('绑定党员身份'))
    await screen.findByText(text)
    expect(taroStub.requests[0].data).toEqual({ bindCode: 'K7M2Q9' })
    expect(onBound).not.toHaveBeenCalled()
  })

  it('asks for a code before calling the server, and hands back the bound user', async () => {
    const onBound = jest.fn()
    const { container } = render(<BindForm onBound={onBound} />)
    fireEvent.click(screen.getByText('绑定党员身份'))
    await screen.findByText('请输入绑定码')
    expect(taroStub.requests).toHaveLength(0)

    const bound = { id: 'u-1', roles: [], member: { id: 'm-1' } }
    taroStub.respond({ statusCode: 200, data: bound })
    await typeCode(container, ' K7M2Q9 ')
    fireEvent.click(screen.getByText('绑定党员身份'))
    await waitFor(() => expect(onBound).toHaveBeenCalledWith(bound))
    expect(taroStub.requests[0].data).toEqual({ bindCode: 'K7M2Q9' })
  })
})
