import { appPageUrl } from './links'

describe('appPageUrl', () => {
  it('maps the server links of this client to where the pages live', () => {
    expect(appPageUrl('pages/greetings/index?id=g-1')).toBe('/pages/greetings/index?id=g-1')
    expect(appPageUrl('/pages/greetings/index')).toBe('/pages/greetings/index')
    expect(appPageUrl('pages/wish/index?id=w-1')).toBe('/packages/wish/detail/index?id=w-1')
    expect(appPageUrl('pages/commitment/index?id=c-1')).toBe('/packages/commitment/detail/index?id=c-1')
  })

  it('answers null for pages it does not have', () => {
    expect(appPageUrl(null)).toBeNull()
    expect(appPageUrl('')).toBeNull()
    expect(appPageUrl('pages/elsewhere/index?id=1')).toBeNull()
  })
})
