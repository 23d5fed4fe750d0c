import { ErrorCode } from '@xianfeng/shared';
import type { FastifyRequest } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';
import { AppError } from './app-error.js';

type Done = (err: Error | null, body?: unknown) => void;

const malformedJson = () => new AppError(400, ErrorCode.MALFORMED_JSON, '请求体不是合法的 JSON');
const unsupportedEncoding = () => new AppError(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, '不支持的编码');

/** A body we would decode wrongly: a charset other than UTF-8, or a compressed body. */
function unreadable(req: FastifyRequest): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) return true;
  const encoding = req.headers['content-encoding'];
  return encoding !== undefined && encoding.toLowerCase() !== 'identity';
}

/**
 * `application/json`, as Express's parser read it: an empty body is no body, and only an object or
 * an array is a body (`null` or a bare string is malformed).
 */
export function parseJsonBody(req: FastifyRequest, body: string | Buffer, done: Done): void {
  if (unreadable(req)) return done(unsupportedEncoding());
  const text = body.toString();
  if (text.length === 0) return done(null, undefined);
  const first = /^[ \t\n\r]*(.)/.exec(text)?.[1];
  if (first !== '{' && first !== '[') return done(malformedJson());
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return done(malformedJson());
  }
  done(null, parsed);
}

/** `application/x-www-form-urlencoded`: flat keys, a repeated key an array (Express's `extended: false`). */
export function parseFormBody(req: FastifyRequest, body: string | Buffer, done: Done): void {
  if (unreadable(req)) return done(unsupportedEncoding());
  done(null, parseQueryString(body.toString()));
}
