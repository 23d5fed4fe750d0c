/** H5: the same consent sheet appears before the first photo pick; the answer is remembered. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { taroStub } from '../../test/taro-stub'
import { PRIVACY_AGREED_KEY } from '../platform/privacy.h5'
import { PhotoPicker } from './Photos'

const chooseImage = jest.fn()
Object.assign(Taro, { chooseImage })

beforeEach(() => {
  taroStub.reset()
  chooseImage.mockReset()
  chooseImage.mockRejectedValue({ errMsg: 'chooseImage:fail cancel' })
})

describe('privacy consent on H5', () => {
  it('asks before the first pick, picks after 同意并继续, and does not ask again', async () => {
    render(<PhotoPicker photos={[]} onChange={() => undefined} />)
    fireEvent.click(screen.getByText('添加照片'))
    await screen.findByTestId('privacy-sheet')
    expect(chooseImage).not.toHaveBeenCalled()
    fireEvent.click(screen.getByText('同意并继续'))
    await waitFor(() => expect(chooseImage).toHaveBeenCalledTimes(1))
    expect(screen.queryByTestId('privacy-sheet')).toBeNull()
    expect(taroStub.storage.get(PRIVACY_AGREED_KEY)).toBeTruthy()
    fireEvent.click(screen.getByText('添加照片'))
    await waitFor(() => expect(chooseImage).toHaveBeenCalledTimes(2))
    expect(screen.queryByTestId('privacy-sheet')).toBeNull()
  })

  it('on 不同意 picks nothing, says what still works, and asks again next time', async () => {
    render(<PhotoPicker photos={[]} onChange={() => undefined} />)
    fireEvent.click(screen.getByText('添加照片'))
    fireEvent.click(await screen.findByText('不同意'))
    await screen.findByText(/仍可以只填写文字提交/)
    expect(chooseImage).not.toHaveBeenCalled()
    expect(taroStub.storage.has(PRIVACY_AGREED_KEY)).toBe(false)
    fireEvent.click(screen.getByText('添加照片'))
    await screen.findByTestId('privacy-sheet')
  })

  it('links the policy page from the sheet', async () => {
    render(<PhotoPicker photos={[]} onChange={() => undefined} />)
    fireEvent.click(screen.getByText('添加照片'))
    fireEvent.click(await screen.findByText(/隐私保护指引》/))
    await waitFor(() => expect(taroStub.navigations).toContainEqual({ kind: 'navigateTo', url: '/pages/privacy/index' }))
  })
})
