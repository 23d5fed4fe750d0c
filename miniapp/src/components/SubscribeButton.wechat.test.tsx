/**
 * The weapp side of SubscribeButton: the platform module is swapped for its weapp file, and
 * wx.requestSubscribeMessage is a stub on the Taro stand-in.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { SubscriptionTemplate } from '@xianfeng/shared'
import { taroStub } from '../../test/taro-stub'
import { saveSession } from '../auth/session'
import { SubscribeButton } from './SubscribeButton'

jest.mock('../platform/subscribe', () => jest.requireActual('../platform/subscribe.weapp'))

const requestSubscribeMessage = jest.fn()
Object.assign(Taro, { requestSubscribeMessage })

const templates: SubscriptionTemplate[] = [
  { key: 'greeting', templateId: 'TPL_GREETING', remaining: 0 },
  { key: 'wish_event', templateId: 'TPL_WISH', remaining: 2 },
  { key: 'commitment_event', templateId: 'TPL_COMMIT', remaining: 1 },
]

beforeEach(() => {
  taroStub.reset()
  requestSubscribeMessage.mockReset()
  saveSession('tok', { id: 'u-1', roles: [], member: null })
})

describe('SubscribeButton on weapp', () => {
  it('asks WeChat straight from the tap, reports the outcomes, and shows the grants left', async () => {
    taroStub.respond((req) => {
      expect(req.method).toBe('GET')
      expect(req.url).toBe('/api/v1/subscriptions/templates')
      return { statusCode: 200, data: templates }
    })
    render(<SubscribeButton />)
    await screen.findByText('贺卡祝福 剩余 0 次')
    expect(screen.getByText('微心愿 剩余 2 次')).toBeTruthy()

    requestSubscribeMessage.mockResolvedValue({
      errMsg: 'requestSubscribeMessage:ok',
      TPL_GREETING: 'accept',
      TPL_COMMIT: 'reject',
      TPL_WISH: 'accept',
    })
    taroStub.respond((req) => {
      expect(req.method).toBe('POST')
      expect(req.url).toBe('/api/v1/subscriptions')
      return { statusCode: 200, data: templates.map((t) => (t.key === 'commitment_event' ? t : { ...t, remaining: t.remaining + 1 })) }
    })
    fireEvent.click(screen.getByText('开启微信提醒'))
    // Synchronously within the tap: WeChat refuses the request after an await.
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1)
    expect(requestSubscribeMessage.mock.calls[0][0]).toEqual({ tmplIds: ['TPL_GREETING', 'TPL_COMMIT', 'TPL_WISH'] })

    await screen.findByText('贺卡祝福 剩余 1 次')
    expect(screen.getByText('微心愿 剩余 3 次')).toBeTruthy()
    const post = taroStub.requests.find((r) => r.method === 'POST')!
    // errMsg is WeChat's, not an outcome: only the template ids go to the server.
    expect(post.data).toEqual({ results: { TPL_GREETING: 'accept', TPL_COMMIT: 'reject', TPL_WISH: 'accept' } })
    expect(taroStub.toasts).toContain('已开启 2 项提醒')
  })

  it('says so when WeChat refuses (subscriptions switched off) and reports nothing', async () => {
    taroStub.respond({ statusCode: 200, data: templates })
    render(<SubscribeButton />)
    await screen.findByText('贺卡祝福 剩余 0 次')
    requestSubscribeMessage.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail main switch is off', errCode: 20004 })
    fireEvent.click(screen.getByText('开启微信提醒'))
    await screen.findByText('微信提醒未能开启，请在小程序设置中允许接收订阅消息')
    await waitFor(() => expect(screen.getByText('开启微信提醒')).toBeTruthy())
    expect(taroStub.requests.filter((r) => r.method === 'POST')).toEqual([])
  })
})
