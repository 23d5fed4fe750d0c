import { ErrorCode } from '@xianfeng/shared';
import { UpstreamError } from '../common/upstream-error.js';

/** WeChat errcodes the project acts on (HTTP 200 with `{ errcode, errmsg }`, see wechat.md). */
export const WechatErrcode = {
  OK: 0,
  /** System busy: the only code worth retrying as-is (with back-off). */
  BUSY: -1,
  INVALID_GRANT_TYPE: 40002,
  INVALID_OPENID: 40003,
  INVALID_APPID: 40013,
  INVALID_CODE: 40029,
  INVALID_TEMPLATE_ID: 40037,
  INVALID_ARGS: 40097,
  INVALID_SECRET: 40125,
  CODE_USED: 40163,
  HIGH_RISK_USER: 40226,
  TOKEN_INVALID: 40001,
  TOKEN_INVALID_2: 40014,
  TOKEN_EXPIRED: 42001,
  TOKEN_MISSING: 41001,
  APPID_MISSING: 41002,
  SECRET_MISSING: 41004,
  CODE_MISSING: 41008,
  INVALID_PAGE: 41030,
  REQUIRE_GET: 43001,
  REQUIRE_POST: 43002,
  /** Subscribe send: the user refused, or no one-time grant is left. A normal outcome: do not retry. */
  NO_QUOTA: 43101,
  EMPTY_POST_DATA: 44002,
  DAILY_LIMIT: 45009,
  RATE_LIMIT: 45011,
  DATA_FORMAT: 47001,
  /** Subscribe send: bad template data; errmsg names the field. */
  BAD_TEMPLATE_DATA: 47003,
  RISKY_CONTENT: 87014,
} as const;

/** Errcodes meaning "this access token is not (or no longer) good": refresh once and retry once. */
export const TOKEN_REJECTED_ERRCODES: ReadonlySet<number> = new Set([
  WechatErrcode.TOKEN_INVALID,
  WechatErrcode.TOKEN_EXPIRED,
  WechatErrcode.TOKEN_INVALID_2,
]);

const RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([WechatErrcode.BUSY]);

/** WeChat answered, with a non-zero errcode. */
export class WechatApiError extends UpstreamError {
  override readonly name = 'WechatApiError';

  constructor(
    /** Which gateway call failed, e.g. `code2Session`. */
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat ${api} failed: errcode ${errcode} (${errmsg})`, 502, ErrorCode.WECHAT_ERROR, `微信接口返回错误 ${errcode}`);
  }

  /** True only for "system busy": the same request may succeed later. Everything else is permanent. */
  get retryable(): boolean {
    return RETRYABLE_ERRCODES.has(this.errcode);
  }
}

/** WeChat could not be reached or did not answer sensibly: network error, timeout, non-2xx, unparseable body. */
export class WechatUnavailableError extends UpstreamError {
  override readonly name = 'WechatUnavailableError';
  /** An outage is always worth retrying later. */
  readonly retryable = true;
  /** The HTTP status when WeChat answered with a non-2xx one. */
  readonly status?: number;

  constructor(
    readonly api: string,
    reason: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(`WeChat ${api} unavailable: ${reason}`, 503, ErrorCode.WECHAT_UNAVAILABLE, '微信服务暂不可用，请稍后再试', options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
  }
}
