import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { AppError, badRequest } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { PhotoChecks } from '../../uploads/photo-checks.js';
import { WechatPushRepository } from './wechat-push.repository.js';
import { decryptPush, PushDecryptError, pushSignature, signatureMatches } from './push-crypto.js';

export interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  encrypt_type?: string;
  msg_signature?: string;
}

type Json = Record<string, unknown>;

const VERDICTS: ReadonlySet<string> = new Set(['pass', 'review', 'risky']);
const refused = () => new AppError(401, ErrorCode.WECHAT_SIGNATURE_INVALID, '消息推送签名无效');

/**
 * WeChat's message push (消息推送) in JSON format: URL verification, then signed events in
 * plaintext or safe (AES) mode. Each event is handled once, whatever WeChat's retries: the event's
 * key is recorded in the transaction that acts on it.
 */
@Injectable()
export class WechatPushService {
  private readonly logger = new Logger('WechatPush');

  constructor(
    private readonly dataSource: DataSource,
    private readonly photos: PhotoChecks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: WechatPushRepository,
  ) {}

  /** GET: the console's URL check. Returns `echostr` when the signature matches our token. */
  verifyUrl(q: PushQuery): string {
    this.assertSignature(q);
    if (typeof q.echostr !== 'string' || q.echostr === '') throw badRequest('缺少 echostr', [{ field: 'echostr', message: '必填' }]);
    return q.echostr;
  }

  /** POST: one pushed message. Returns what WeChat expects back (`success`). */
  async receive(q: PushQuery, body: unknown): Promise<'success'> {
    const message = this.open(q, body);
    const event = typeof message.Event === 'string' ? message.Event : typeof message.MsgType === 'string' ? message.MsgType : 'unknown';
    const key = idempotencyKey(message);
    if (!key) throw badRequest('无法识别的推送消息', [{ field: 'body', message: '缺少 MsgId / trace_id / FromUserName+CreateTime' }]);
    await this.dataSource.transaction(async (db) => {
      if (!(await this.repo.recordOnce(db, key, event))) return; // a retry of something handled
      if (event === 'wxa_media_check') {
        const result = message.result as Json | undefined;
        const suggest = typeof result?.suggest === 'string' && VERDICTS.has(result.suggest) ? (result.suggest as 'pass' | 'review' | 'risky') : null;
        const traceId = typeof message.trace_id === 'string' ? message.trace_id : null;
        // A check that failed on WeChat's side (errcode ≠ 0) gives no verdict: the photo reaches staff review in time.
        if (traceId && suggest && (message.errcode === undefined || message.errcode === 0)) await this.photos.applyVerdict(db, traceId, suggest);
      }
    });
    this.logger.debug(`push event=${event}`);
    return 'success';
  }

  private assertSignature(q: PushQuery): void {
    if (typeof q.timestamp !== 'string' || typeof q.nonce !== 'string') throw refused();
    if (!signatureMatches(q.signature, pushSignature(this.config.wechatPush.token, q.timestamp, q.nonce))) throw refused();
  }

  /** The message, checked: signature (and, in safe mode, msg_signature, decryption and appid). */
  private open(q: PushQuery, body: unknown): Json {
    this.assertSignature(q);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('推送内容必须是 JSON 对象');
    const b = body as Json;
    if (q.encrypt_type === undefined || q.encrypt_type === 'raw') return b;
    if (q.encrypt_type !== 'aes') throw badRequest('不支持的 encrypt_type', [{ field: 'encrypt_type', message: '只支持 aes' }]);
    if (typeof b.Encrypt !== 'string' || b.Encrypt === '') throw badRequest('安全模式的推送缺少 Encrypt', [{ field: 'Encrypt', message: '必填' }]);
    const { token, aesKey } = this.config.wechatPush;
    if (!signatureMatches(q.msg_signature, pushSignature(token, q.timestamp!, q.nonce!, b.Encrypt))) throw refused();
    let opened: { message: string; appId: string };
    try {
      opened = decryptPush(aesKey, b.Encrypt);
    } catch (err) {
      if (err instanceof PushDecryptError) throw refused();
      throw err;
    }
    if (opened.appId !== this.config.wechatAppId) throw refused();
    try {
      const parsed: unknown = JSON.parse(opened.message);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Json;
    } catch {
      // fall through
    }
    throw badRequest('推送内容不是 JSON 对象');
  }
}

/** WeChat's advice: MsgId for messages; events have none, so trace_id, else sender + creation time. */
function idempotencyKey(m: Json): string | null {
  if (typeof m.MsgId === 'string' || typeof m.MsgId === 'number') return `msg:${m.MsgId}`;
  if (typeof m.trace_id === 'string' && m.trace_id) return `trace:${m.trace_id}`.slice(0, 200);
  if (typeof m.FromUserName === 'string' && (typeof m.CreateTime === 'number' || typeof m.CreateTime === 'string')) {
    return `event:${m.FromUserName}:${m.CreateTime}:${typeof m.Event === 'string' ? m.Event : ''}`.slice(0, 200);
  }
  return null;
}
