import { ErrorCode } from '@xianfeng/shared';
import type { FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';
import { PassThrough, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AppError } from './app-error.js';

type Done = (err: Error | null, body?: unknown) => void;

const malformedJson = () => new AppError(400, ErrorCode.MALFORMED_JSON, '请求体不是合法的 JSON');
const unsupportedEncoding = () => new AppError(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, '不支持的编码');

/** A body we would decode wrongly: a charset other than UTF-8. */
function unreadable(req: FastifyRequest): boolean {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
  return charset !== undefined && !/^utf-?8$/i.test(charset);
}

const PARSED_HERE = /^\s*application\/(json|x-www-form-urlencoded)\s*(;|$)/i;
const DECOMPRESSORS: Record<string, () => Transform> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

/**
 * Fastify `preParsing` hook: a compressed JSON or form body (gzip, deflate, br), as Express's parsers
 * took it, is read decompressed, so the body limit counts what it decompresses to. Another encoding is a 415; a
 * body that does not decompress, a 400.
 */
export function decompressBody(req: FastifyRequest, _reply: FastifyReply, payload: RequestPayload, done: (err: Error | null, body?: RequestPayload) => void): void {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  // Only the bodies parsed below: an upload's parser reads the request itself.
  if (encoding === undefined || encoding === 'identity' || !PARSED_HERE.test(req.headers['content-type'] ?? '')) return done(null, payload);
  const decompressor = DECOMPRESSORS[encoding];
  if (!decompressor) return done(unsupportedEncoding());
  const inflate = decompressor();
  const body = new PassThrough() as PassThrough & { receivedEncodedLength: number };
  // What arrived on the wire, for Fastify's check against Content-Length.
  body.receivedEncodedLength = 0;
  payload.on('data', (chunk: Buffer) => (body.receivedEncodedLength += chunk.length));
  inflate.on('error', () => body.destroy(new AppError(400, ErrorCode.VALIDATION_FAILED, '请求体无法解压', [])));
  payload.pipe(inflate).pipe(body);
  done(null, body);
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
