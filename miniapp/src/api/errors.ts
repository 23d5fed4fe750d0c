import type { ErrorBody, ErrorDetail } from '@xianfeng/shared'
import { ErrorCode } from '@xianfeng/shared'

/** Codes the client adds for failures that never reached the server's error envelope. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE'

/** Any failed API call: the server's `{ statusCode, code, message, details? }`, typed. */
export class ApiError extends Error {
  readonly statusCode: number
  readonly code: ErrorCode | ClientErrorCode
  readonly details: ErrorDetail[]
  readonly requestId?: string

  constructor(statusCode: number, code: ErrorCode | ClientErrorCode, message: string, details: ErrorDetail[] = [], requestId?: string) {
    super(message)
    this.name = 'ApiError'
    this.statusCode = statusCode
    this.code = code
    this.details = details
    this.requestId = requestId
  }

  /** The message for one field of a VALIDATION_FAILED error, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message
  }
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode))

/** The code to assume when a body does not carry one (a proxy's HTML page, an empty body). */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return ErrorCode.VALIDATION_FAILED
    case 401: return ErrorCode.UNAUTHENTICATED
    case 403: return ErrorCode.FORBIDDEN
    case 404: return ErrorCode.NOT_FOUND
    case 409: return ErrorCode.CONFLICT
    case 413: return ErrorCode.PAYLOAD_TOO_LARGE
    case 429: return ErrorCode.RATE_LIMITED
    case 502:
    case 503:
    case 504: return ErrorCode.DATABASE_UNAVAILABLE
    default: return ErrorCode.INTERNAL_ERROR
  }
}

function isErrorBody(data: unknown): data is ErrorBody {
  return typeof data === 'object' && data !== null && typeof (data as ErrorBody).code === 'string'
}

/** Turns a non-2xx response into an ApiError, whatever its body looks like. */
export function errorFromResponse(statusCode: number, data: unknown): ApiError {
  let body: unknown = data
  if (typeof data === 'string') {
    try {
      body = JSON.parse(data)
    } catch {
      body = undefined
    }
  }
  if (isErrorBody(body)) {
    const code = KNOWN_CODES.has(body.code) ? body.code : codeForStatus(statusCode)
    const details = Array.isArray(body.details) ? body.details : []
    return new ApiError(statusCode, code, body.message || defaultMessage(code), details, body.requestId)
  }
  const code = codeForStatus(statusCode)
  return new ApiError(statusCode, code, defaultMessage(code))
}

export function networkError(): ApiError {
  return new ApiError(0, 'NETWORK_ERROR', defaultMessage('NETWORK_ERROR'))
}

const MESSAGES: Partial<Record<ErrorCode | ClientErrorCode, string>> = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  BAD_RESPONSE: '服务器返回了无法识别的数据',
  VALIDATION_FAILED: '填写的内容有误，请检查',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '没有找到相关内容',
  ROUTE_NOT_FOUND: '没有找到相关内容',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL_ERROR: '服务器出错了，请稍后再试',
  DATABASE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  STORAGE_UNAVAILABLE: '图片服务暂时不可用，请稍后再试',
  WECHAT_CODE_INVALID: '微信登录凭证无效，请重新登录',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  BIND_CODE_INVALID: '绑定码无效或已被使用，请向支部核对',
  ALREADY_BOUND: '您的微信已经绑定了党员身份',
  MEMBER_ALREADY_BOUND: '该党员档案已被其他微信绑定',
  NOT_A_MEMBER: '您还没有绑定党员身份',
}

function defaultMessage(code: ErrorCode | ClientErrorCode): string {
  return MESSAGES[code] ?? '操作失败，请稍后再试'
}

const HAS_CHINESE = /[\u4e00-\u9fa5]/

/**
 * What to show a person for an error: the server's message when it is written in Chinese (it knows
 * best what went wrong), otherwise our wording for the code, so nobody reads "Not Found".
 */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'VALIDATION_FAILED' && err.details.length > 0) {
      return err.details.map((d) => d.message).join('；')
    }
    if (HAS_CHINESE.test(err.message)) return err.message
    return defaultMessage(err.code)
  }
  if (err instanceof Error && err.message) return err.message
  return '操作失败，请稍后再试'
}

/**
 * A failed form submit: the server's message for each of the form's fields (a detail for `items.2`
 * counts for `items`), and the banner above the form — where to look when a field is marked, else
 * what went wrong.
 */
export function formErrors<F extends string>(err: unknown, fields: readonly F[], describe: (e: unknown) => string = describeError) {
  const byField: Partial<Record<F, string>> = {}
  if (err instanceof ApiError) {
    for (const f of fields) {
      const d = err.details.find((x) => x.field === f || x.field?.startsWith(`${f}.`))
      if (d) byField[f] = d.message
    }
  }
  const banner = Object.keys(byField).length > 0 ? '填写的内容有误，请检查标红的项目' : describe(err)
  return { fields: byField, banner }
}
