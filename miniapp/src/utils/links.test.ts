import { Pages, pageLink } from '@xianfeng/shared'
import { appPageUrl } from './links'

describe('appPageUrl', () => {
  it('opens the pages the server links to, with their query', () => {
    expect(appPageUrl('pages/greetings/index?id=g-1')).toBe('/pages/greetings/index?id=g-1')
    expect(appPageUrl('/pages/greetings/index')).toBe('/pages/greetings/index')
    expect(appPageUrl('packages/wish/detail/index?id=w-1')).toBe('/packages/wish/detail/index?id=w-1')
    expect(appPageUrl(pageLink(Pages.commitmentDetail, { id: 'c-1' }))).toBe('/packages/commitment/detail/index?id=c-1')
  })

  it('still opens inbox entries written with the old short names', () => {
    expect(appPageUrl('pages/wish/index?id=w-1')).toBe('/packages/wish/detail/index?id=w-1')
    expect(appPageUrl('pages/commitment/index?id=c-1')).toBe('/packages/commitment/detail/index?id=c-1')
  })

  it('answers null for pages it does not have, and for tab pages (navigateTo cannot open them)', () => {
    expect(appPageUrl(null)).toBeNull()
    expect(appPageUrl('')).toBeNull()
    expect(appPageUrl('pages/elsewhere/index?id=1')).toBeNull()
    expect(appPageUrl('pages/board/index?orgId=1')).toBeNull()
  })
})
