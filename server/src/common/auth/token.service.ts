import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@xianfeng/shared';
import jwt from 'jsonwebtoken';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AppError } from '../app-error.js';

/** Signs and checks the API's bearer tokens (HS256, `sub` = user id). */
@Injectable()
export class TokenService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  issue(userId: string): { token: string; expiresAt: Date } {
    const token = jwt.sign({}, this.config.jwtSecret, {
      algorithm: 'HS256',
      subject: userId,
      expiresIn: this.config.jwtTtlSeconds,
      issuer: 'xianfeng',
    });
    return { token, expiresAt: new Date(Date.now() + this.config.jwtTtlSeconds * 1000) };
  }

  /** Returns the user id, or throws 401 (TOKEN_EXPIRED for an expired token). */
  verify(token: string): string {
    try {
      const payload = jwt.verify(token, this.config.jwtSecret, { algorithms: ['HS256'], issuer: 'xianfeng' });
      if (typeof payload === 'string' || typeof payload.sub !== 'string') throw new Error('no subject');
      // A token without `exp` would never expire: every token this API issues has one.
      if (typeof payload.exp !== 'number') throw new Error('no expiry');
      return payload.sub;
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw new AppError(401, ErrorCode.TOKEN_EXPIRED, '登录已过期，请重新登录');
      throw new AppError(401, ErrorCode.UNAUTHENTICATED, '登录凭证无效，请重新登录');
    }
  }
}
