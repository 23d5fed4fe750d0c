import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AccessTokenStore, TOKEN_REFRESH_MARGIN_SECONDS, type FetchedToken } from './access-token.store.js';
import { TOKEN_REJECTED_ERRCODES, WechatApiError, WechatUnavailableError } from './wechat.errors.js';

export interface WechatSession {
  openid: string;
  /** Never leaves the server. */
  sessionKey: string;
  unionid?: string;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  /** Values must already fit WeChat's limits: see truncateTemplateValue. */
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
  lang?: string;
}

export type SecCheckSuggest = 'pass' | 'review' | 'risky';

export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

type WechatBody = Record<string, unknown> & { errcode?: number; errmsg?: string };

export interface UnlimitedCodeRequest {
  /** ≤ 32 visible characters; the opened page reads it as `options.scene`. */
  scene: string;
  /** A page of the mini-program, without a leading slash. */
  page: string;
  /** false until the page exists in the released version. */
  checkPath: boolean;
  envVersion: 'release' | 'trial' | 'develop';
  width?: number;
}

export interface WxaCodeImage {
  contentType: 'image/png' | 'image/jpeg';
  image: Buffer;
}

interface RawAnswer {
  contentType: string;
  bytes: Buffer;
}

const SUGGESTS: ReadonlySet<string> = new Set(['pass', 'review', 'risky']);

/**
 * The server's only way to WeChat: real HTTP to `config.wechatApiBase` (WeChat itself, or the
 * stand-in server in local runs and tests — there is no difference here).
 *
 * Failures: WeChat answered with an errcode → WechatApiError; WeChat unreachable, slow, non-2xx or
 * nonsense → WechatUnavailableError. Callers map these to their own errors (e.g. 401 / 503).
 */
@Injectable()
export class WechatGateway {
  private readonly logger = new Logger('WechatGateway');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: AccessTokenStore,
  ) {}

  /** Exchanges a wx.login code for the user's openid (and session key). */
  async code2Session(code: string): Promise<WechatSession> {
    const body = await this.request('code2Session', 'GET', '/sns/jscode2session', {
      appid: this.config.wechatAppId,
      secret: this.config.wechatSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const { openid, session_key, unionid } = body;
    if (typeof openid !== 'string' || !openid || typeof session_key !== 'string') {
      throw new WechatUnavailableError('code2Session', 'answer without openid/session_key');
    }
    return { openid, sessionKey: session_key, ...(typeof unionid === 'string' && unionid ? { unionid } : {}) };
  }

  /** The app's access token, shared by all instances through the database; refreshed when near expiry. */
  async getAccessToken(): Promise<string> {
    const appId = this.config.wechatAppId;
    const token = await this.tokens.getValid(appId, TOKEN_REFRESH_MARGIN_SECONDS);
    if (token) return token;
    return this.tokens.refresh(appId, () => this.fetchStableToken(false));
  }

  async sendSubscribeMessage(msg: SubscribeMessage): Promise<{ msgid?: string }> {
    const body = await this.withToken('sendSubscribeMessage', '/cgi-bin/message/subscribe/send', {
      touser: msg.touser,
      template_id: msg.templateId,
      page: msg.page,
      data: msg.data,
      miniprogram_state: msg.miniprogramState,
      lang: msg.lang ?? 'zh_CN',
    });
    const msgid = body.msgid;
    return typeof msgid === 'number' || (typeof msgid === 'string' && msgid) ? { msgid: String(msgid) } : {};
  }

  /** WeChat's text security check (v2). `risky` → refuse the text; `review` → hold it for staff. */
  async msgSecCheck(input: { openid: string; content: string; scene: 1 | 2 | 3 | 4 }): Promise<{
    suggest: SecCheckSuggest;
    label: number;
  }> {
    const body = await this.withToken('msgSecCheck', '/wxa/msg_sec_check', {
      version: 2,
      openid: input.openid,
      scene: input.scene,
      content: input.content,
    });
    const result = body.result as { suggest?: unknown; label?: unknown } | undefined;
    if (!result || typeof result.suggest !== 'string' || !SUGGESTS.has(result.suggest)) {
      throw new WechatUnavailableError('msgSecCheck', 'answer without result.suggest');
    }
    return { suggest: result.suggest as SecCheckSuggest, label: Number(result.label) };
  }

  async getPhoneNumber(code: string): Promise<PhoneInfo> {
    const body = await this.withToken('getPhoneNumber', '/wxa/business/getuserphonenumber', { code });
    const info = body.phone_info as Partial<PhoneInfo> | undefined;
    if (!info || typeof info.phoneNumber !== 'string' || typeof info.purePhoneNumber !== 'string') {
      throw new WechatUnavailableError('getPhoneNumber', 'answer without phone_info');
    }
    return {
      phoneNumber: info.phoneNumber,
      purePhoneNumber: info.purePhoneNumber,
      countryCode: String(info.countryCode ?? ''),
    };
  }

  /**
   * wxacode.getUnlimited: the image bytes on success; WeChat's JSON `{ errcode, errmsg }` (41030 page
   * missing, 40097 bad argument, …) → WechatApiError. A rejected token is refreshed once, as elsewhere.
   */
  async getUnlimitedCode(req: UnlimitedCodeRequest): Promise<WxaCodeImage> {
    const payload = { scene: req.scene, page: req.page, check_path: req.checkPath, env_version: req.envVersion, width: req.width ?? 430 };
    const answer = await this.withTokenRetry('getUnlimitedCode', (token) => this.fetchRaw('getUnlimitedCode', 'POST', '/wxa/getwxacodeunlimit', { access_token: token }, payload));
    const type = answer.contentType.split(';')[0].trim().toLowerCase();
    if (type === 'image/png' || type === 'image/jpeg') {
      if (answer.bytes.length === 0) throw new WechatUnavailableError('getUnlimitedCode', 'empty image');
      return { contentType: type, image: answer.bytes };
    }
    // Anything else is WeChat's JSON error body (or nonsense): parse it like every other answer.
    this.parseBody('getUnlimitedCode', answer.bytes.toString('utf8'), 0);
    throw new WechatUnavailableError('getUnlimitedCode', `answer is neither an image nor an error (${type || 'no content type'})`);
  }

  /**
   * mediaCheckAsync (v2): asks WeChat to check an image it fetches from `mediaUrl`; the verdict
   * comes later by message push (event `wxa_media_check`), matched by the returned trace_id.
   */
  async mediaCheckAsync(input: { mediaUrl: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ traceId: string }> {
    const body = await this.withToken('mediaCheckAsync', '/wxa/media_check_async', {
      media_url: input.mediaUrl,
      media_type: 2,
      version: 2,
      openid: input.openid,
      scene: input.scene,
    });
    if (typeof body.trace_id !== 'string' || !body.trace_id) throw new WechatUnavailableError('mediaCheckAsync', 'answer without trace_id');
    return { traceId: body.trace_id };
  }

  // ---- internals ----------------------------------------------------------------------------

  /** A token-bearing POST: on a rejected token, refresh once (shared across instances) and retry once. */
  private withToken(api: string, path: string, payload: unknown): Promise<WechatBody> {
    return this.withTokenRetry(api, (token) => this.request(api, 'POST', path, { access_token: token }, payload));
  }

  private async withTokenRetry<T>(api: string, call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.getAccessToken();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_REJECTED_ERRCODES.has(err.errcode)) throw err;
      this.logger.warn(`${api}: access token rejected (errcode ${err.errcode}), refreshing once`);
      const fresh = await this.tokens.refresh(
        this.config.wechatAppId,
        // Force only if the store still holds the token WeChat just rejected: stable mode would
        // hand it back otherwise. Another instance may have replaced it already (then no fetch at all).
        ({ staleTokenIsCurrent }) => this.fetchStableToken(staleTokenIsCurrent),
        token,
      );
      return call(fresh);
    }
  }

  private async fetchStableToken(forceRefresh: boolean): Promise<FetchedToken> {
    const body = await this.request('getStableAccessToken', 'POST', '/cgi-bin/stable_token', {}, {
      grant_type: 'client_credential',
      appid: this.config.wechatAppId,
      secret: this.config.wechatSecret,
      force_refresh: forceRefresh,
    });
    const { access_token, expires_in } = body;
    if (typeof access_token !== 'string' || !access_token || typeof expires_in !== 'number' || expires_in <= 0) {
      throw new WechatUnavailableError('getStableAccessToken', 'answer without access_token/expires_in');
    }
    return { token: access_token, expiresIn: expires_in };
  }

  /**
   * One HTTP call to WeChat. Logs the api name, errcode and duration only: URLs carry the secret or
   * the access token, bodies carry openids, session keys and phone numbers.
   */
  private async request(
    api: string,
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    payload?: unknown,
  ): Promise<WechatBody> {
    const started = performance.now();
    const answer = await this.fetchRaw(api, method, path, query, payload);
    const result = this.parseBody(api, answer.bytes.toString('utf8'), started);
    this.logger.debug(`wechat api=${api} errcode=0 ms=${Math.round(performance.now() - started)}`);
    return result;
  }

  /** The body of a 2xx answer, as bytes with its content type; WechatUnavailableError otherwise. */
  private async fetchRaw(
    api: string,
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string>,
    payload?: unknown,
  ): Promise<RawAnswer> {
    const base = this.config.wechatApiBase;
    if (!base) {
      throw new Error(
        'WeChat API base URL is not configured: set WECHAT_API_BASE (https://api.weixin.qq.com), ' +
          'or let the local start run the stand-in WeChat server before the app is built.',
      );
    }
    const url = new URL(base.replace(/\/+$/, '') + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);

    const timeoutMs = this.config.wechatTimeoutMs;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const signal = AbortSignal.timeout(timeoutMs);
    let bytes: Buffer;
    let status: number;
    let contentType: string;
    try {
      const res = await fetch(url, {
        method,
        headers: payload === undefined ? undefined : { 'content-type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify(payload),
        signal,
      });
      status = res.status;
      contentType = res.headers.get('content-type') ?? '';
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      const reason = signal.aborted ? `no answer within ${timeoutMs} ms` : `network error (${describeError(err)})`;
      this.logger.warn(`wechat api=${api} unavailable: ${reason} ms=${elapsed()}`);
      throw new WechatUnavailableError(api, reason, { cause: err });
    }
    if (status < 200 || status >= 300) {
      this.logger.warn(`wechat api=${api} unavailable: HTTP ${status} ms=${elapsed()}`);
      throw new WechatUnavailableError(api, `HTTP ${status}`, { status });
    }
    return { contentType, bytes };
  }

  /** A JSON answer: the object when errcode is 0 (or absent), else WechatApiError. */
  private parseBody(api: string, text: string, started: number): WechatBody {
    const elapsed = () => (started ? Math.round(performance.now() - started) : 0);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      this.logger.warn(`wechat api=${api} unavailable: unparseable body ms=${elapsed()}`);
      throw new WechatUnavailableError(api, 'unparseable answer', { cause: err });
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      this.logger.warn(`wechat api=${api} unavailable: answer is not an object ms=${elapsed()}`);
      throw new WechatUnavailableError(api, 'answer is not a JSON object');
    }
    const result = body as WechatBody;
    const errcode = typeof result.errcode === 'number' ? result.errcode : 0;
    if (errcode !== 0) {
      this.logger.warn(`wechat api=${api} errcode=${errcode} ms=${elapsed()}`);
      throw new WechatApiError(api, errcode, typeof result.errmsg === 'string' ? result.errmsg : '');
    }
    return result;
  }
}

/** An error's message and code, for logs — fetch's own messages name no URL or secret. */
function describeError(err: unknown): string {
  const e = err as { message?: unknown; cause?: { code?: unknown } } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  return code ? `${message}: ${code}` : message;
}
