import { render, screen } from '@testing-library/react'
import { taroStub } from '../../../test/taro-stub'
import { cardWithoutPhone } from '../../../test/fixtures'
import CardPage from './index'

beforeEach(() => taroStub.reset())

describe('card page', () => {
  it('loads the public card by id', async () => {
    taroStub.setRouterParams({ id: 'm-2' })
    taroStub.respond((req) => {
      expect(req.url).toBe('/api/v1/members/m-2/card')
      return { statusCode: 200, data: cardWithoutPhone }
    })
    const { container } = render(<CardPage />)
    await screen.findByText('李秀英')
    expect(container.textContent).toContain('党员先锋岗')
    expect(container.textContent).not.toContain('联系电话')
  })

  it('shows not-found as an error state', async () => {
    taroStub.setRouterParams({ id: 'nobody' })
    taroStub.respond({ statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: 'Member not found' } })
    render(<CardPage />)
    await screen.findByText('没有找到相关内容')
    // Reloading will not bring a missing card back; the way out is home.
    expect(screen.queryByText('重新加载')).toBeNull()
    expect(screen.getByText('返回首页')).toBeTruthy()
  })

  it('asks for a card when the link names none', async () => {
    render(<CardPage />)
    await screen.findByText('没有指定要查看的党员')
    expect(taroStub.requests).toHaveLength(0)
  })
})
