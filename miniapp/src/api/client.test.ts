import { taroStub } from '../../test/taro-stub'
import { getToken, saveSession } from '../auth/session'
import { ApiError, api, buildUrl, describeError, request } from './client'

const user = { id: 'u-1', roles: [], member: null }

beforeEach(() => taroStub.reset())

describe('request', () => {
  it('calls the relative H5 base with the query, and sends the token when there is one', async () => {
    saveSession('tok-1', user)
    taroStub.respond({ statusCode: 200, data: { items: [], nextCursor: null } })
    await api.board('org 1', 'c/2')
    const [req] = taroStub.requests
    expect(req.url).toBe('/api/v1/orgs/org%201/board?cursor=c%2F2')
    expect(req.method).toBe('GET')
    expect(req.header?.Authorization).toBe('Bearer tok-1')
  })

  it('sends no Authorization header without a token, and leaves empty query values out', async () => {
    taroStub.respond({ statusCode: 200, data: { items: [], nextCursor: null } })
    await api.rootOrgs(null)
    expect(taroStub.requests[0].url).toBe('/api/v1/orgs')
    expect(taroStub.requests[0].header?.Authorization).toBeUndefined()
  })

  it('posts JSON bodies', async () => {
    saveSession('tok-1', user)
    taroStub.respond({ statusCode: 200, data: { id: 'm-1' } })
    await api.updateMyMember({ duties: '走访', showPhone: true })
    const [req] = taroStub.requests
    expect(req.method).toBe('PATCH')
    expect(req.url).toBe('/api/v1/members/me')
    expect(req.data).toEqual({ duties: '走访', showPhone: true })
    expect(req.header?.['Content-Type']).toBe('application/json')
  })

  it('turns the error envelope into a typed ApiError', async () => {
    taroStub.respond({
      statusCode: 400,
      data: {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Validation failed',
        details: [{ field: 'phone', message: '手机号格式不正确' }],
        requestId: 'req-9',
      },
    })
    const err = await request('PATCH', '/members/me', { body: {} }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    const e = err as ApiError
    expect(e.statusCode).toBe(400)
    expect(e.code).toBe('VALIDATION_FAILED')
    expect(e.details).toEqual([{ field: 'phone', message: '手机号格式不正确' }])
    expect(e.fieldMessage('phone')).toBe('手机号格式不正确')
    expect(e.requestId).toBe('req-9')
    expect(describeError(e)).toBe('手机号格式不正确')
  })

  it('keeps business codes such as BIND_CODE_INVALID and ALREADY_BOUND', async () => {
    taroStub.respond({ statusCode: 404, data: { statusCode: 404, code: 'BIND_CODE_INVALID', message: 'Bind code invalid' } })
    taroStub.respond({ statusCode: 409, data: { statusCode: 409, code: 'ALREADY_BOUND', message: '该微信已绑定党员' } })
    const a = (await api.bindMember('X').catch((e: unknown) => e)) as ApiError
    const b = (await api.bindMember('Y').catch((e: unknown) => e)) as ApiError
    expect([a.code, a.statusCode]).toEqual(['BIND_CODE_INVALID', 404])
    expect([b.code, b.statusCode]).toEqual(['ALREADY_BOUND', 409])
    // An English server message gives way to our Chinese wording; a Chinese one is shown as sent.
    expect(describeError(a)).toBe('绑定码无效或已被使用，请向支部核对')
    expect(describeError(b)).toBe('该微信已绑定党员')
  })

  it('copes with an error body that is not the envelope (a proxy page, an unknown code)', async () => {
    taroStub.respond({ statusCode: 502, data: '<html>Bad Gateway</html>' })
    taroStub.respond({ statusCode: 409, data: { statusCode: 409, code: 'SOMETHING_NEW', message: 'x' } })
    const a = (await api.org('o').catch((e: unknown) => e)) as ApiError
    const b = (await api.org('o').catch((e: unknown) => e)) as ApiError
    expect(a).toBeInstanceOf(ApiError)
    expect([a.statusCode, a.code]).toEqual([502, 'DATABASE_UNAVAILABLE'])
    expect(describeError(a)).toBe('服务暂时不可用，请稍后再试')
    expect([b.statusCode, b.code]).toEqual([409, 'CONFLICT'])
  })

  it('reports a network failure as NETWORK_ERROR with status 0', async () => {
    taroStub.failNetwork()
    const e = (await api.memberCard('m').catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.statusCode).toBe(0)
    expect(e.code).toBe('NETWORK_ERROR')
    expect(describeError(e)).toContain('网络')
  })

  it('on 401 clears the token and opens the login page', async () => {
    saveSession('expired', user)
    taroStub.respond({ statusCode: 401, data: { statusCode: 401, code: 'TOKEN_EXPIRED', message: 'jwt expired' } })
    const e = (await api.me().catch((x: unknown) => x)) as ApiError
    expect(e.code).toBe('TOKEN_EXPIRED')
    expect(getToken()).toBeNull()
    expect(taroStub.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/login/index' }])
  })

  it('on 401 does not stack another login page on the login page', async () => {
    saveSession('expired', user)
    taroStub.setPages(['pages/index/index', 'pages/login/index'])
    taroStub.respond({ statusCode: 401, data: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'no' } })
    await api.me().catch(() => undefined)
    expect(getToken()).toBeNull()
    expect(taroStub.navigations).toEqual([])
  })

  it('a quiet background refresh forgets an expired token without opening the login page', async () => {
    saveSession('expired', user)
    taroStub.respond({ statusCode: 401, data: { statusCode: 401, code: 'TOKEN_EXPIRED', message: 'jwt expired' } })
    await api.me({ quiet: true }).catch(() => undefined)
    expect(getToken()).toBeNull()
    expect(taroStub.navigations).toEqual([])
  })

  it('a refused login code is an error for the login form, not a redirect', async () => {
    taroStub.respond({ statusCode: 401, data: { statusCode: 401, code: 'WECHAT_CODE_INVALID', message: 'invalid code' } })
    const e = (await api.login('dev:').catch((x: unknown) => x)) as ApiError
    expect(e.code).toBe('WECHAT_CODE_INVALID')
    expect(taroStub.requests[0].header?.Authorization).toBeUndefined()
    expect(taroStub.navigations).toEqual([])
  })
})

describe('buildUrl', () => {
  it('encodes keys and values', () => {
    expect(buildUrl('/x', { a: 'b c', n: 2, t: true, u: undefined })).toBe('/api/v1/x?a=b%20c&n=2&t=true')
  })
})
