import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@xianfeng/shared';
import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { AppError } from '../app-error.js';

/** Signs and checks the API's bearer tokens (HS256, `sub` = user id). */
@Injectable()
export class TokenService {
  private key: { secret: string; object: KeyObject } | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * The secret as a key object, made once. Given the string, jsonwebtoken makes one on every call —
   * after first trying (and failing) to read it as a public key: 15% of a signed-in request's CPU.
   */
  private secret(): KeyObject {
    const secret = this.config.jwtSecret;
    if (this.key?.secret !== secret) this.key = { secret, object: createSecretKey(Buffer.from(secret, 'utf8')) };
    return this.key.object;
  }

  issue(userId: string): { token: string; expiresAt: Date } {
    const token = jwt.sign({}, this.secret(), {
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
      const payload = jwt.verify(token, this.secret(), { algorithms: ['HS256'], issuer: 'xianfeng' });
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
