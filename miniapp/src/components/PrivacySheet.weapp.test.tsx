/**
 * The weapp side of privacy consent: WeChat calls onNeedPrivacyAuthorization when chooseImage (or
 * another privacy-related API) needs consent; our sheet answers it. The platform module is swapped
 * for its weapp file; WeChat's calls are stubs on the Taro stand-in.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { taroStub } from '../../test/taro-stub'
import { answerConsent } from '../platform/privacy-consent'
import { PhotoPicker } from './Photos'
import { PrivacySheet } from './PrivacySheet'

jest.mock('../platform/privacy', () => jest.requireActual('../platform/privacy.weapp'))
const weapp = jest.requireActual('../platform/privacy.weapp') as typeof import('../platform/privacy.weapp')

type Resolve = (res: { event: string; buttonId?: string }) => void
let wechatHandler: ((resolve: Resolve) => void) | null = null
const onNeedPrivacyAuthorization = jest.fn((cb: (resolve: Resolve) => void) => {
  wechatHandler = cb
})
const chooseImage = jest.fn()
Object.assign(Taro, { onNeedPrivacyAuthorization, chooseImage })

beforeAll(() => {
  weapp.installPrivacyConsent()
  weapp.installPrivacyConsent() // once only, however often the app module runs it
})

beforeEach(() => {
  taroStub.reset()
  chooseImage.mockReset()
})

describe('privacy consent on weapp', () => {
  it('registers one handler with WeChat at app start', () => {
    expect(onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1)
    expect(wechatHandler).not.toBeNull()
  })

  it('shows the sheet when WeChat asks, and tells WeChat "disagree" on 不同意', async () => {
    render(<PrivacySheet />)
    expect(screen.queryByTestId('privacy-sheet')).toBeNull()
    const resolve = jest.fn()
    act(() => wechatHandler!(resolve))
    await screen.findByTestId('privacy-sheet')
    fireEvent.click(screen.getByText('不同意'))
    await waitFor(() => expect(resolve).toHaveBeenCalledWith({ event: 'disagree' }))
    expect(screen.queryByTestId('privacy-sheet')).toBeNull()
  })

  it('tells WeChat "agree" with the open-type button\'s id once WeChat has recorded the agreement', async () => {
    render(<PrivacySheet />)
    const resolve = jest.fn()
    act(() => wechatHandler!(resolve))
    const agree = await screen.findByText('同意并继续')
    expect(agree.closest('[id]')?.getAttribute('id')).toBe(weapp.AGREE_BUTTON_ID)
    // On the phone this is the button's bindagreeprivacyauthorization event.
    act(() => answerConsent(true))
    await waitFor(() => expect(resolve).toHaveBeenCalledWith({ buttonId: 'xf-privacy-agree', event: 'agree' }))
  })

  it('answers "disagree" when no sheet is on the page to ask', async () => {
    const resolve = jest.fn()
    wechatHandler!(resolve)
    await waitFor(() => expect(resolve).toHaveBeenCalledWith({ event: 'disagree' }))
  })

  it('asks nothing up front, and tells the person what they can still do when the pick is refused (errno 104)', async () => {
    expect(await weapp.ensurePrivacyConsent()).toBe(true)
    expect(weapp.isPrivacyRefusal({ errno: 104, errMsg: 'chooseImage:fail privacy permission is not authorized' })).toBe(true)
    expect(weapp.isPrivacyRefusal({ errMsg: 'chooseImage:fail cancel' })).toBe(false)
    chooseImage.mockRejectedValue({ errno: 104, errMsg: 'chooseImage:fail privacy permission is not authorized' })
    render(<PhotoPicker photos={[]} onChange={() => undefined} />)
    fireEvent.click(screen.getByText('添加照片'))
    await screen.findByText(/未同意隐私保护指引.*仍可以只填写文字提交/)
    expect(chooseImage).toHaveBeenCalledTimes(1)
  })

  it('says nothing when the person merely cancels the pick', async () => {
    chooseImage.mockRejectedValue({ errMsg: 'chooseImage:fail cancel' })
    render(<PhotoPicker photos={[]} onChange={() => undefined} />)
    fireEvent.click(screen.getByText('添加照片'))
    await waitFor(() => expect(chooseImage).toHaveBeenCalledTimes(1))
    expect(screen.queryByText(/未同意隐私保护指引/)).toBeNull()
  })
})
