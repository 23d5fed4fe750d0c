import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type LoginResponse } from '@xianfeng/shared';
import { AppError } from '../common/app-error.js';
import { TokenService } from '../common/auth/token.service.js';
import { UsersService } from '../users/users.service.js';
import { WechatApiError, WechatErrcode } from '../wechat/wechat.errors.js';
import { WechatGateway } from '../wechat/wechat.gateway.js';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly wechat: WechatGateway,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  /** Exchanges a wx.login code for our own token. The session_key stays inside this function. */
  async loginWithWechat(code: string): Promise<LoginResponse> {
    let session: { openid: string; unionid?: string };
    try {
      session = await this.wechat.code2Session(code);
    } catch (err) {
      if (err instanceof WechatApiError) {
        if (err.errcode === WechatErrcode.INVALID_CODE || err.errcode === WechatErrcode.CODE_USED) {
          throw new AppError(401, ErrorCode.WECHAT_CODE_INVALID, '微信登录凭证无效或已使用，请重新登录');
        }
        if (err.errcode === WechatErrcode.RATE_LIMIT) throw new AppError(429, ErrorCode.RATE_LIMITED, '登录过于频繁，请稍后再试');
        if (err.errcode === WechatErrcode.HIGH_RISK_USER) throw new AppError(403, ErrorCode.FORBIDDEN, '该微信账号存在风险，暂不能登录');
        this.logger.warn(`code2Session failed with errcode ${err.errcode}`);
        throw new AppError(503, ErrorCode.WECHAT_UNAVAILABLE, '微信服务暂不可用，请稍后再试');
      }
      throw err; // WechatUnavailableError → 503 by the error filter
    }
    const userId = await this.users.upsertOnLogin(session.openid, session.unionid ?? null);
    const { token, expiresAt } = this.tokens.issue(userId);
    return { token, expiresAt: expiresAt.toISOString(), user: await this.users.describe(userId) };
  }
}
