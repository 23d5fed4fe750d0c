import { render, screen } from '@testing-library/react'
import { taroStub } from '../../test/taro-stub'
import { saveSession } from '../auth/session'
import { SubscribeButton, templatesToRequest } from './SubscribeButton'

beforeEach(() => {
  taroStub.reset()
  saveSession('tok', { id: 'u-1', roles: [], member: null })
})

describe('SubscribeButton on H5', () => {
  it('explains that a browser has no WeChat subscribe messages, and asks nothing', async () => {
    render(<SubscribeButton />)
    expect(screen.getByTestId('subscribe').textContent).toBe('信网页版不支持微信订阅消息，消息会保存在站内信箱')
    expect(screen.queryByText('开启微信提醒')).toBeNull()
    await new Promise((r) => setTimeout(r, 20))
    expect(taroStub.requests).toEqual([])
  })
})

describe('templatesToRequest', () => {
  it('asks for at most three, fewest grants left first', () => {
    const t = (key: 'greeting' | 'wish_event' | 'commitment_event', templateId: string, remaining: number) => ({ key, templateId, remaining })
    expect(templatesToRequest([t('greeting', 'A', 2), t('wish_event', 'B', 0), t('commitment_event', 'C', 1), t('greeting', 'D', 5)])).toEqual(['B', 'C', 'A'])
  })
})
