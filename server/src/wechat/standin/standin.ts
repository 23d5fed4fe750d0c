/**
 * The stand-in WeChat server: answers the WeChat server APIs the project uses, with WeChat's shapes
 * (HTTP 200 and `{ errcode, errmsg }` on errors), so the server runs and is tested without WeChat.
 * The gateway talks to it over real HTTP exactly as it would to api.weixin.qq.com.
 *
 * Plain `node:http`; every bit of state lives in the instance. Test-control routes live under
 * `/__standin/` (see wechat.md). It never logs tokens or session keys (it logs nothing at all).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Pages } from '@xianfeng/shared';
import QRCode from 'qrcode';
import { encryptPush, pushSignature } from '../push/push-crypto.js';
import { WechatErrcode } from '../wechat.errors.js';
import { codePointLength, templateKeyType, templateValueLimit } from '../template-limits.js';

export interface StandinOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Lifetime of issued access tokens; default 7200 like WeChat. */
  tokenTtlSeconds?: number;
  /** msg_sec_check answers `risky` for content containing any of these (case-insensitive). */
  riskyWords?: string[];
  /** msg_sec_check answers `review` for content containing any of these (case-insensitive). */
  reviewWords?: string[];
  /** When given, login and token routes reject another appid with 40013. */
  appId?: string;
  /** When given, login and token routes reject another secret with 40125. */
  secret?: string;
  /** Pages getwxacodeunlimit accepts (others → 41030); default every page in shared `Pages`. */
  pages?: string[];
  /** Where media_check_async verdicts are pushed, signed and encrypted (safe mode) like WeChat's. */
  push?: PushTarget;
  /** How long after media_check_async the verdict is pushed; default 500 ms. */
  mediaCheckDelayMs?: number;
}

export interface PushTarget {
  /** The server's message-push URL, e.g. `http://127.0.0.1:3000/api/v1/wechat/push`. */
  url: string;
  token: string;
  /** The 43-character EncodingAESKey. */
  aesKey: string;
  /** The appid sealed into each message (the server's WECHAT_APPID). */
  appId: string;
}

export type MediaVerdict = 'pass' | 'review' | 'risky';

/** One media_check_async call and what became of it. */
export interface MediaCheckRecord {
  trace_id: string;
  media_url: string;
  openid: string;
  verdict: MediaVerdict;
  /** HTTP status of the stand-in's own fetch of `media_url` (as WeChat fetches it), 0 if it failed. */
  fetchStatus?: number;
  /** HTTP status of the push to the server, 0 if it failed; absent while not yet pushed. */
  pushStatus?: number;
  /** The server's answer to the push. */
  pushAnswer?: string;
}

/** A subscribe-message send body the stand-in accepted, as received. */
export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
  [field: string]: unknown;
}

export interface StandinHandle {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:43121`. */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Accepted subscribe-message bodies in arrival order (a copy). */
  messages(): SentMessage[];
  /** Forgets messages, faults, call counts and tokens. */
  reset(): void;
  /** Where (and how) verdicts of media_check_async are pushed; call once the server listens. */
  setPushTarget(target: PushTarget | null): void;
  /** The verdict for media whose URL (query left out) ends with `urlSuffix`, if set before the push is due; default `pass`. */
  setMediaVerdict(urlSuffix: string, verdict: MediaVerdict): void;
  /** media_check_async calls so far, in arrival order (a copy). */
  mediaChecks(): MediaCheckRecord[];
}

export const DEFAULT_RISKY_WORDS = ['赌博', '色情', '诈骗', '暴恐', 'riskyword'];
export const DEFAULT_REVIEW_WORDS = ['reviewword', '待审'];

/** msg_sec_check labels (WeChat's): 100 normal, 20002 porn, 20006 crime, 20008 fraud, 21000 other. */
const WORD_LABELS: Record<string, number> = { 赌博: 20006, 色情: 20002, 诈骗: 20008, 暴恐: 20006 };
const LABEL_NORMAL = 100;
const LABEL_OTHER = 21000;

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  [WechatErrcode.TOKEN_INVALID]: 'invalid credential, access_token is invalid or not latest',
  [WechatErrcode.INVALID_GRANT_TYPE]: 'invalid grant_type',
  [WechatErrcode.INVALID_OPENID]: 'invalid openid',
  [WechatErrcode.INVALID_APPID]: 'invalid appid',
  [WechatErrcode.TOKEN_INVALID_2]: 'invalid access_token',
  [WechatErrcode.INVALID_CODE]: 'invalid code',
  [WechatErrcode.INVALID_TEMPLATE_ID]: 'invalid template_id',
  [WechatErrcode.INVALID_ARGS]: 'invalid args',
  [WechatErrcode.INVALID_SECRET]: 'invalid appsecret',
  [WechatErrcode.CODE_USED]: 'code been used',
  [WechatErrcode.HIGH_RISK_USER]: 'high risk user was limited',
  [WechatErrcode.TOKEN_MISSING]: 'access_token missing',
  [WechatErrcode.APPID_MISSING]: 'appid missing',
  [WechatErrcode.SECRET_MISSING]: 'appsecret missing',
  [WechatErrcode.CODE_MISSING]: 'missing code',
  [WechatErrcode.INVALID_PAGE]: 'invalid page',
  [WechatErrcode.TOKEN_EXPIRED]: 'access_token expired',
  [WechatErrcode.REQUIRE_GET]: 'require GET method',
  [WechatErrcode.REQUIRE_POST]: 'require POST method',
  [WechatErrcode.NO_QUOTA]: 'user refuse to accept the msg',
  [WechatErrcode.EMPTY_POST_DATA]: 'empty post data',
  [WechatErrcode.DAILY_LIMIT]: 'reach max api daily quota limit',
  [WechatErrcode.RATE_LIMIT]: 'api minute-quota reach limit',
  [WechatErrcode.DATA_FORMAT]: 'data format error',
  [WechatErrcode.BAD_TEMPLATE_DATA]: 'argument invalid!',
  [WechatErrcode.RISKY_CONTENT]: 'content is risky',
};

/** `scene` of getwxacodeunlimit: WeChat's visible-character set, at most 32. */
const SCENE_RE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/;
/** mediaCheckAsync labels: 100 normal, 20002 porn (what `risky` is set to mean here). */
const MEDIA_LABEL: Record<MediaVerdict, number> = { pass: 100, review: 21000, risky: 20002 };

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_SEC_CHECK_CHARS = 2500;

interface Fault {
  route: string;
  errcode?: number;
  status?: number;
  drop?: boolean;
  delayMs: number;
  remaining: number;
}

interface IssuedToken {
  expiresAt: number;
  revoked: boolean;
}

type Json = Record<string, unknown>;
type Reply = { status?: number; body: unknown; raw?: { contentType: string; bytes: Buffer } };
interface Call {
  query: URLSearchParams;
  body: Json | undefined;
}
type Handler = (call: Call) => Reply | Promise<Reply>;

/** A WeChat-shaped error answer; errmsg gets a request id like WeChat's (so callers never match errmsg exactly). */
function wxError(errcode: number, detail?: string): Reply {
  const base = detail ?? ERRMSG[errcode] ?? 'error';
  return { body: { errcode, errmsg: `${base} rid: ${randomBytes(12).toString('hex').replace(/(.{8})(.{8})/, '$1-$2-')}` } };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

class Standin {
  private readonly tokenTtlMs: number;
  private readonly riskyWords: string[];
  private readonly reviewWords: string[];
  private sent: SentMessage[] = [];
  private faults: Fault[] = [];
  private calls = new Map<string, number>();
  private tokens = new Map<string, IssuedToken>();
  /** Current plain and stable token per appid. */
  private current = new Map<string, { plain?: string; stable?: string }>();
  private nextMsgid = 2_000_000_001;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly routes: Record<string, { method: 'GET' | 'POST'; handle: Handler }>;
  private readonly pages: Set<string>;
  private pushTarget: PushTarget | null;
  private mediaDelayMs: number;
  private mediaVerdicts: Array<{ suffix: string; verdict: MediaVerdict }> = [];
  private checks: MediaCheckRecord[] = [];

  constructor(private readonly opts: StandinOptions) {
    this.pages = new Set(opts.pages ?? Object.values(Pages));
    this.pushTarget = opts.push ?? null;
    this.mediaDelayMs = opts.mediaCheckDelayMs ?? 500;
    this.tokenTtlMs = (opts.tokenTtlSeconds ?? 7200) * 1000;
    this.riskyWords = (opts.riskyWords ?? DEFAULT_RISKY_WORDS).map((w) => w.toLowerCase()).filter(Boolean);
    this.reviewWords = (opts.reviewWords ?? DEFAULT_REVIEW_WORDS).map((w) => w.toLowerCase()).filter(Boolean);
    this.routes = {
      '/sns/jscode2session': { method: 'GET', handle: (c) => this.jscode2session(c) },
      '/cgi-bin/token': { method: 'GET', handle: (c) => this.plainToken(c) },
      '/cgi-bin/stable_token': { method: 'POST', handle: (c) => this.stableToken(c) },
      '/cgi-bin/message/subscribe/send': { method: 'POST', handle: (c) => this.subscribeSend(c) },
      '/wxa/msg_sec_check': { method: 'POST', handle: (c) => this.msgSecCheck(c) },
      '/wxa/business/getuserphonenumber': { method: 'POST', handle: (c) => this.phoneNumber(c) },
      '/wxa/getwxacodeunlimit': { method: 'POST', handle: (c) => this.wxacodeUnlimit(c) },
      '/wxa/media_check_async': { method: 'POST', handle: (c) => this.mediaCheckAsync(c) },
    };
  }

  setPushTarget(target: PushTarget | null): void {
    this.pushTarget = target;
  }

  setMediaVerdict(suffix: string, verdict: MediaVerdict): void {
    this.mediaVerdicts.unshift({ suffix, verdict });
  }

  mediaChecks(): MediaCheckRecord[] {
    return structuredClone(this.checks);
  }

  messages(): SentMessage[] {
    return structuredClone(this.sent);
  }

  reset(): void {
    this.sent = [];
    this.faults = [];
    this.calls.clear();
    this.tokens.clear();
    this.current.clear();
    this.mediaVerdicts = [];
    this.checks = [];
  }

  cancelTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const path = url.pathname;
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      return send(res, 413, { errcode: -1, errmsg: 'body too large' });
    }

    if (path.startsWith('/__standin/')) return this.control(req.method ?? 'GET', path, raw, res);

    this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
    const fault = this.takeFault(path);
    if (fault) {
      if (fault.delayMs > 0) await this.sleep(fault.delayMs);
      if (res.destroyed || res.writableEnded || req.socket.destroyed) return;
      if (fault.drop) {
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined) {
        res.writeHead(fault.status, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<html><body><h1>${fault.status}</h1>stand-in fault</body></html>`);
        return;
      }
      if (fault.errcode !== undefined) return reply(res, wxError(fault.errcode));
    }

    const route = this.routes[path];
    if (!route) return send(res, 404, { errcode: -1, errmsg: 'not found' });
    if (req.method !== route.method) {
      return reply(res, wxError(route.method === 'GET' ? WechatErrcode.REQUIRE_GET : WechatErrcode.REQUIRE_POST));
    }
    let body: Json | undefined;
    if (route.method === 'POST') {
      if (raw.trim() === '') return reply(res, wxError(WechatErrcode.EMPTY_POST_DATA));
      try {
        const parsed: unknown = JSON.parse(raw);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        body = parsed as Json;
      } catch {
        // WeChat answers unparseable JSON with 47001 (HTTP 200), not -1: -1 would invite a retry.
        return reply(res, wxError(WechatErrcode.DATA_FORMAT, 'data format error hint: [invalid json]'));
      }
    }
    return reply(res, await route.handle({ query: url.searchParams, body }));
  }

  // ---- WeChat routes ------------------------------------------------------------------------

  private checkApp(appid: string | undefined, secret: string | undefined): Reply | undefined {
    if (!appid) return wxError(WechatErrcode.APPID_MISSING);
    if (!secret) return wxError(WechatErrcode.SECRET_MISSING);
    if (this.opts.appId !== undefined && appid !== this.opts.appId) return wxError(WechatErrcode.INVALID_APPID);
    if (this.opts.secret !== undefined && secret !== this.opts.secret) return wxError(WechatErrcode.INVALID_SECRET);
    return undefined;
  }

  private jscode2session({ query }: Call): Reply {
    const bad = this.checkApp(str(query.get('appid')), str(query.get('secret')));
    if (bad) return bad;
    const code = str(query.get('js_code'));
    if (!code) return wxError(WechatErrcode.CODE_MISSING);
    if (query.get('grant_type') !== 'authorization_code') return wxError(WechatErrcode.INVALID_GRANT_TYPE);
    const openid = code.startsWith('dev:') ? code.slice(4) : '';
    if (!OPENID.test(openid)) return wxError(WechatErrcode.INVALID_CODE);
    return { body: { openid, session_key: randomBytes(16).toString('base64') } };
  }

  private plainToken({ query }: Call): Reply {
    if (query.get('grant_type') !== 'client_credential') return wxError(WechatErrcode.INVALID_GRANT_TYPE);
    const appid = str(query.get('appid'));
    const bad = this.checkApp(appid, str(query.get('secret')));
    if (bad) return bad;
    const cur = this.currentFor(appid!);
    // A new plain token invalidates the previous one.
    if (cur.plain) this.tokens.get(cur.plain)!.revoked = true;
    cur.plain = this.issue();
    return { body: { access_token: cur.plain, expires_in: Math.floor(this.tokenTtlMs / 1000) } };
  }

  private stableToken({ body }: Call): Reply {
    const b = body!;
    if (b.grant_type !== 'client_credential') return wxError(WechatErrcode.INVALID_GRANT_TYPE);
    const appid = str(b.appid);
    const bad = this.checkApp(appid, str(b.secret));
    if (bad) return bad;
    if (b.force_refresh !== undefined && typeof b.force_refresh !== 'boolean') {
      return wxError(WechatErrcode.DATA_FORMAT, 'data format error hint: [force_refresh]');
    }
    const cur = this.currentFor(appid!);
    const now = Date.now();
    const existing = cur.stable ? this.tokens.get(cur.stable) : undefined;
    // Stable mode renews the token in the last 5 minutes of its life (or half its life, if shorter).
    const renewWindow = Math.min(300_000, this.tokenTtlMs / 2);
    if (b.force_refresh !== true && existing && !existing.revoked && existing.expiresAt - now > renewWindow) {
      return { body: { access_token: cur.stable, expires_in: Math.floor((existing.expiresAt - now) / 1000) } };
    }
    // Forced: the old stable token stops working at once. Normal renewal: the old one lives out its time.
    if (b.force_refresh === true && existing) existing.revoked = true;
    cur.stable = this.issue();
    return { body: { access_token: cur.stable, expires_in: Math.floor(this.tokenTtlMs / 1000) } };
  }

  private subscribeSend({ query, body }: Call): Reply {
    const bad = this.checkToken(query);
    if (bad) return bad;
    const b = body!;
    if (!str(b.touser)) return wxError(WechatErrcode.INVALID_OPENID);
    if (!str(b.template_id)) return wxError(WechatErrcode.INVALID_TEMPLATE_ID);
    if (b.page !== undefined && typeof b.page !== 'string') return wxError(WechatErrcode.INVALID_PAGE);
    if (b.miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(b.miniprogram_state as string)) {
      return wxError(WechatErrcode.BAD_TEMPLATE_DATA, 'argument invalid! miniprogram_state');
    }
    const data = b.data;
    if (!data || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) {
      return wxError(WechatErrcode.BAD_TEMPLATE_DATA, 'argument invalid! data');
    }
    for (const [key, entry] of Object.entries(data as Json)) {
      const field = `data.${key}.value`;
      const value = entry && typeof entry === 'object' ? (entry as Json).value : undefined;
      if (typeof value !== 'string' || value === '') return wxError(WechatErrcode.BAD_TEMPLATE_DATA, `argument invalid! ${field}`);
      const max = templateValueLimit(key, value);
      if (max !== undefined && codePointLength(value) > max) {
        return wxError(WechatErrcode.BAD_TEMPLATE_DATA, `argument invalid! ${field} exceeds limit`);
      }
      if (templateKeyType(key) === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) {
        return wxError(WechatErrcode.BAD_TEMPLATE_DATA, `argument invalid! ${field} must be a number`);
      }
    }
    this.sent.push(structuredClone(b) as SentMessage);
    return { body: { errcode: 0, errmsg: 'ok', msgid: this.nextMsgid++ } };
  }

  private msgSecCheck({ query, body }: Call): Reply {
    const bad = this.checkToken(query);
    if (bad) return bad;
    const b = body!;
    if (b.version !== 2) return wxError(WechatErrcode.INVALID_ARGS, 'invalid args hint: [version]');
    if (!str(b.openid)) return wxError(WechatErrcode.INVALID_OPENID);
    if (![1, 2, 3, 4].includes(b.scene as number)) return wxError(WechatErrcode.INVALID_ARGS, 'invalid args hint: [scene]');
    if (typeof b.content !== 'string') return wxError(WechatErrcode.DATA_FORMAT, 'data format error hint: [content]');
    if (codePointLength(b.content) > MAX_SEC_CHECK_CHARS) {
      return wxError(WechatErrcode.DATA_FORMAT, 'data format error hint: [content too long]');
    }
    const text = b.content.toLowerCase();
    const risky = this.riskyWords.find((w) => text.includes(w));
    const review = risky ? undefined : this.reviewWords.find((w) => text.includes(w));
    const suggest = risky ? 'risky' : review ? 'review' : 'pass';
    const label = risky ? (WORD_LABELS[risky] ?? LABEL_OTHER) : review ? LABEL_OTHER : LABEL_NORMAL;
    const keyword = risky ?? review;
    return {
      body: {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label },
        detail: [
          { strategy: 'content_model', errcode: 0, suggest, label, prob: keyword ? 90 : 0 },
          keyword
            ? { strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword }
            : { strategy: 'keyword', errcode: 0, suggest: 'pass', label: LABEL_NORMAL },
        ],
        trace_id: randomBytes(12).toString('hex'),
      },
    };
  }

  private phoneNumber({ query, body }: Call): Reply {
    const bad = this.checkToken(query);
    if (bad) return bad;
    const m = typeof body!.code === 'string' ? /^dev-phone:(\d{5,20})$/.exec(body!.code) : null;
    if (!m) return wxError(WechatErrcode.INVALID_CODE);
    return {
      body: {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: m[1],
          purePhoneNumber: m[1],
          countryCode: '86',
          watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.opts.appId ?? 'wx-standin' },
        },
      },
    };
  }

  /** A real QR code of `<page>?scene=<scene>`, as a PNG: what the opened page would receive. */
  private async wxacodeUnlimit({ query, body }: Call): Promise<Reply> {
    const bad = this.checkToken(query);
    if (bad) return bad;
    const b = body!;
    if (typeof b.scene !== 'string' || !SCENE_RE.test(b.scene)) return wxError(WechatErrcode.INVALID_ARGS, 'invalid args hint: [scene]');
    const page = b.page === undefined ? Pages.home : b.page;
    if (typeof page !== 'string' || !this.pages.has(page)) return wxError(WechatErrcode.INVALID_PAGE);
    if (b.check_path !== undefined && typeof b.check_path !== 'boolean') return wxError(WechatErrcode.INVALID_ARGS, 'invalid args hint: [check_path]');
    if (b.env_version !== undefined && !['release', 'trial', 'develop'].includes(b.env_version as string)) {
      return wxError(WechatErrcode.INVALID_ARGS, 'invalid args hint: [env_version]');
    }
    const width = b.width === undefined ? 430 : b.width;
    if (!Number.isInteger(width) || (width as number) < 280 || (width as number) > 1280) return wxError(WechatErrcode.INVALID_ARGS, 'invalid args hint: [width]');
    // Drawn small (2 px a module) whatever the width asked: the content is what matters here, and it
    // must stay cheap (tests call it from busy machines with a 1 s WeChat timeout).
    const bytes = await QRCode.toBuffer(`${page}?scene=${b.scene}`, { type: 'png', scale: 2, margin: 2, errorCorrectionLevel: 'M' });
    return { body: null, raw: { contentType: 'image/png', bytes } };
  }

  /** Answers a trace_id at once; fetches the media and pushes the verdict after the configured delay. */
  private mediaCheckAsync({ query, body }: Call): Reply {
    const bad = this.checkToken(query);
    if (bad) return bad;
    const b = body!;
    if (typeof b.media_url !== 'string' || !/^https?:\/\//.test(b.media_url)) return wxError(WechatErrcode.INVALID_ARGS, 'invalid args hint: [media_url]');
    if (b.media_type !== 1 && b.media_type !== 2) return wxError(WechatErrcode.INVALID_ARGS, 'invalid args hint: [media_type]');
    if (b.version !== 2) return wxError(WechatErrcode.INVALID_ARGS, 'invalid args hint: [version]');
    if (!str(b.openid)) return wxError(WechatErrcode.INVALID_OPENID);
    if (![1, 2, 3, 4].includes(b.scene as number)) return wxError(WechatErrcode.INVALID_ARGS, 'invalid args hint: [scene]');
    const record: MediaCheckRecord = { trace_id: randomBytes(16).toString('hex'), media_url: b.media_url, openid: b.openid as string, verdict: 'pass' };
    this.checks.push(record);
    void this.sleep(this.mediaDelayMs).then(() => this.deliverVerdict(record));
    return { body: { errcode: 0, errmsg: 'ok', trace_id: record.trace_id } };
  }

  private async deliverVerdict(record: MediaCheckRecord): Promise<void> {
    // Decided when "WeChat" has looked, so a test can set the verdict after learning the upload's URL.
    const path = record.media_url.split('?')[0];
    record.verdict = this.mediaVerdicts.find((v) => path.endsWith(v.suffix))?.verdict ?? 'pass';
    try {
      const got = await fetch(record.media_url, { signal: AbortSignal.timeout(5000) });
      await got.arrayBuffer();
      record.fetchStatus = got.status;
    } catch {
      record.fetchStatus = 0;
    }
    const target = this.pushTarget;
    // WeChat could not download it: no verdict arrives (the server sends the photo to review in time).
    if (record.fetchStatus !== 200 || !target) return;
    const message = JSON.stringify({
      ToUserName: 'gh_standin',
      FromUserName: record.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: target.appId,
      trace_id: record.trace_id,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: record.verdict, label: MEDIA_LABEL[record.verdict], prob: record.verdict === 'pass' ? 0 : 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: record.verdict, label: MEDIA_LABEL[record.verdict] },
    });
    const encrypted = encryptPush(target.aesKey, target.appId, message);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const url = new URL(target.url);
    url.searchParams.set('signature', pushSignature(target.token, timestamp, nonce));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    url.searchParams.set('encrypt_type', 'aes');
    url.searchParams.set('msg_signature', pushSignature(target.token, timestamp, nonce, encrypted));
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ToUserName: 'gh_standin', Encrypt: encrypted }),
        signal: AbortSignal.timeout(5000),
      });
      record.pushAnswer = await res.text();
      record.pushStatus = res.status;
    } catch {
      record.pushStatus = 0;
    }
  }

  // ---- tokens -------------------------------------------------------------------------------

  private currentFor(appid: string) {
    let cur = this.current.get(appid);
    if (!cur) this.current.set(appid, (cur = {}));
    return cur;
  }

  private issue(): string {
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, { expiresAt: Date.now() + this.tokenTtlMs, revoked: false });
    return token;
  }

  private checkToken(query: URLSearchParams): Reply | undefined {
    const token = str(query.get('access_token'));
    if (!token) return wxError(WechatErrcode.TOKEN_MISSING);
    const t = this.tokens.get(token);
    if (!t || t.revoked) return wxError(WechatErrcode.TOKEN_INVALID);
    if (Date.now() >= t.expiresAt) return wxError(WechatErrcode.TOKEN_EXPIRED);
    return undefined;
  }

  // ---- faults and test control --------------------------------------------------------------

  private takeFault(path: string): Fault | undefined {
    const i = this.faults.findIndex((f) => f.route === path);
    if (i < 0) return undefined;
    const fault = this.faults[i];
    if (--fault.remaining <= 0) this.faults.splice(i, 1);
    return fault;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private control(method: string, path: string, raw: string, res: ServerResponse): void {
    const key = `${method} ${path.replace(/^\/__standin/, '')}`;
    switch (key) {
      case 'GET /health':
        return send(res, 200, { ok: true });
      case 'GET /messages':
        return send(res, 200, this.sent);
      case 'DELETE /messages':
        this.sent = [];
        return send(res, 200, { ok: true });
      case 'GET /calls':
        return send(res, 200, Object.fromEntries(this.calls));
      case 'DELETE /calls':
        this.calls.clear();
        return send(res, 200, { ok: true });
      case 'GET /faults':
        return send(res, 200, this.faults);
      case 'DELETE /faults':
        this.faults = [];
        return send(res, 200, { ok: true });
      case 'POST /faults': {
        const parsed = parseFault(raw);
        if (typeof parsed === 'string') return send(res, 400, { errcode: -1, errmsg: parsed });
        this.faults.push(parsed);
        return send(res, 200, { ok: true });
      }
      case 'POST /expire-tokens': {
        const past = Date.now() - 1;
        for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, past);
        return send(res, 200, { ok: true });
      }
      case 'POST /reset':
        this.reset();
        return send(res, 200, { ok: true });
      case 'GET /media-checks':
        return send(res, 200, this.checks);
      case 'POST /media-verdicts': {
        // { "url": "<end of the media URL, e.g. the upload key>", "verdict": "pass" | "review" | "risky" }
        let b: Json;
        try {
          b = JSON.parse(raw) as Json;
        } catch {
          return send(res, 400, { errcode: -1, errmsg: 'body must be JSON' });
        }
        if (typeof b?.url !== 'string' || !b.url || !['pass', 'review', 'risky'].includes(b.verdict as string)) {
          return send(res, 400, { errcode: -1, errmsg: 'url (a non-empty string) and verdict (pass, review or risky) are required' });
        }
        this.setMediaVerdict(b.url, b.verdict as MediaVerdict);
        return send(res, 200, { ok: true });
      }
      default:
        return send(res, 404, { errcode: -1, errmsg: 'not found' });
    }
  }
}

function parseFault(raw: string): Fault | string {
  let b: Json;
  try {
    b = JSON.parse(raw) as Json;
  } catch {
    return 'body must be JSON';
  }
  if (!b || typeof b !== 'object') return 'body must be a JSON object';
  if (typeof b.route !== 'string' || !b.route.startsWith('/')) return 'route must be a path such as /cgi-bin/stable_token';
  const times = b.times ?? 1;
  if (!Number.isInteger(times) || (times as number) < 1) return 'times must be a positive integer';
  const delayMs = b.delayMs ?? 0;
  if (!Number.isInteger(delayMs) || (delayMs as number) < 0) return 'delayMs must be a non-negative integer';
  if (b.errcode !== undefined && !Number.isInteger(b.errcode)) return 'errcode must be an integer';
  if (b.status !== undefined && (!Number.isInteger(b.status) || (b.status as number) < 100 || (b.status as number) > 599)) {
    return 'status must be an HTTP status code';
  }
  if (b.drop !== undefined && typeof b.drop !== 'boolean') return 'drop must be a boolean';
  return {
    route: b.route.split('?')[0],
    errcode: b.errcode as number | undefined,
    status: b.status as number | undefined,
    drop: b.drop === true,
    delayMs: delayMs as number,
    remaining: times as number,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  // The caller may have given up (timeout) while a fault delay was running.
  if (res.destroyed || res.writableEnded || res.socket?.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function reply(res: ServerResponse, r: Reply): void {
  if (r.raw) {
    if (res.destroyed || res.writableEnded || res.socket?.destroyed) return;
    res.writeHead(r.status ?? 200, { 'content-type': r.raw.contentType, 'content-length': r.raw.bytes.length });
    res.end(r.raw.bytes);
    return;
  }
  send(res, r.status ?? 200, r.body);
}

export async function startStandin(opts: StandinOptions = {}): Promise<StandinHandle> {
  const standin = new Standin(opts);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    standin.handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { errcode: -1, errmsg: 'stand-in internal error' });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    messages: () => standin.messages(),
    reset: () => standin.reset(),
    setPushTarget: (target) => standin.setPushTarget(target),
    setMediaVerdict: (suffix, verdict) => standin.setMediaVerdict(suffix, verdict),
    mediaChecks: () => standin.mediaChecks(),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        standin.cancelTimers();
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive and delayed (fault) connections would otherwise hold close() open.
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}
