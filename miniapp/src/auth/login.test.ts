import { taroStub } from '../../test/taro-stub'
import { getSession } from './session'
import { signIn } from './signin'
import * as h5 from './login.h5'
import * as weapp from './login.weapp'

beforeEach(() => taroStub.reset())

describe('platform login codes', () => {
  it('H5 turns an openid into a dev code for the stand-in WeChat', async () => {
    expect(h5.LOGIN_METHOD).toBe('dev')
    await expect(h5.getLoginCode('  demo-member ')).resolves.toBe('dev:demo-member')
    await expect(h5.getLoginCode('')).rejects.toThrow('openid')
    expect(h5.DEV_ACCOUNTS).toEqual([
      { openid: 'demo-admin', label: '系统管理员' },
      { openid: 'demo-secretary', label: '街道组织委员' },
      { openid: 'demo-branch', label: '支部书记' },
      { openid: 'demo-member', label: '党员' },
      { openid: 'demo-resident', label: '群众' },
    ])
  })

  it('weapp asks wx.login for a code', async () => {
    expect(weapp.LOGIN_METHOD).toBe('wechat')
    await expect(weapp.getLoginCode()).resolves.toBe('wx-code')
  })
})

describe('signIn', () => {
  it('exchanges the code and keeps token and user', async () => {
    const user = { id: 'u-1', roles: [], member: null }
    taroStub.respond((req) => {
      expect(req.url).toBe('/api/v1/auth/wechat-login')
      expect(req.data).toEqual({ code: 'dev:demo-resident' })
      return { statusCode: 200, data: { token: 't-1', expiresAt: '2030-01-01T00:00:00Z', user } }
    })
    await signIn('demo-resident')
    expect(getSession()).toEqual({ token: 't-1', user })
  })
})
