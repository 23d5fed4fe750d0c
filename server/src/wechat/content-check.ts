import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@xianfeng/shared';
import { AppError } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { WechatApiError, WechatUnavailableError } from './wechat.errors.js';
import { WechatGateway } from './wechat.gateway.js';

/** WeChat checks at most this many characters per call. */
const MAX_CHARS_PER_CALL = 2500;
/** msgSecCheck scene 3: forum posts / comments — user text others will read. */
const SCENE_PUBLIC_TEXT = 3;

export type ContentVerdict = 'pass' | 'review';

/** Packs text parts, joined by newlines, into as few ≤ `max`-character pieces as possible (characters = code points). */
export function packForCheck(parts: string[], max = MAX_CHARS_PER_CALL): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const part of parts.filter((p) => p.length > 0)) {
    const chars = [...part];
    for (let i = 0; i < chars.length; i += max) {
      const slice = chars.slice(i, i + max);
      const extra = (current.length ? 1 : 0) + slice.length;
      if (length + extra > max) {
        pieces.push(current.join('\n'));
        current = [];
        length = 0;
      }
      length += (current.length ? 1 : 0) + slice.length;
      current.push(slice.join(''));
    }
  }
  if (current.length) pieces.push(current.join('\n'));
  return pieces;
}

/**
 * WeChat's text security check for text other people will read. Called before any transaction is
 * opened (never inside one: a slow WeChat must not hold database locks).
 *
 * - `risky` anywhere → 400 CONTENT_REJECTED, and the caller stores nothing.
 * - `review` anywhere → 'review': the caller stores the text but holds it from the public.
 * - WeChat unreachable or answering an error → 503 WECHAT_UNAVAILABLE, nothing stored. This fails
 *   closed on purpose: text on a Party organisation's public wall that nobody has checked is the worse
 *   outcome, and the client still has the text to send again in a minute.
 */
@Injectable()
export class ContentCheck {
  private readonly logger = new Logger(ContentCheck.name);

  constructor(private readonly wechat: WechatGateway) {}

  async check(actor: Actor, parts: string[]): Promise<ContentVerdict> {
    const pieces = packForCheck(parts);
    if (pieces.length === 0) return 'pass';
    let results;
    try {
      results = await Promise.all(pieces.map((content) => this.wechat.msgSecCheck({ openid: actor.openid, content, scene: SCENE_PUBLIC_TEXT })));
    } catch (err) {
      if (err instanceof WechatUnavailableError || err instanceof WechatApiError) {
        if (err instanceof WechatApiError) this.logger.warn(`msgSecCheck failed with errcode ${err.errcode}: refusing to store unchecked text`);
        throw new AppError(503, ErrorCode.WECHAT_UNAVAILABLE, '内容安全检查暂不可用，请稍后再试');
      }
      throw err;
    }
    if (results.some((r) => r.suggest === 'risky')) {
      throw new AppError(400, ErrorCode.CONTENT_REJECTED, '内容未通过安全检查，未保存，请修改后重试');
    }
    return results.some((r) => r.suggest === 'review') ? 'review' : 'pass';
  }
}
