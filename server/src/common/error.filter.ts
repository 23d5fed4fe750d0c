import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ErrorCode, type ErrorBody } from '@xianfeng/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error.js';
import { UpstreamError } from './upstream-error.js';

const NETWORK_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE']);
/** node-postgres' own client-side timeouts (`query_timeout`, `connectionTimeoutMillis`) and lost connections. */
const DRIVER_GAVE_UP = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error/i;

/**
 * The database is unreachable, too slow or refusing work, as opposed to refusing a query: SQLSTATE
 * class 08 (connection), 53 (insufficient resources), 57P (shut down, terminated), 57014 (cancelled by
 * `statement_timeout`), 3D000 (the database is gone), a socket error, or one of the driver's timeouts.
 */
function isDatabaseDown(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string') {
    if (NETWORK_DOWN.has(code) || code.startsWith('08') || code.startsWith('53') || code.startsWith('57P') || code === '57014' || code === '3D000') {
      return true;
    }
  }
  return err instanceof Error && DRIVER_GAVE_UP.test(err.message);
}

/** Turns any error into the contract's error body. Nothing else writes error responses. */
export function toErrorBody(err: unknown): { body: ErrorBody; internal?: unknown } {
  if (err instanceof AppError) {
    return { body: { statusCode: err.statusCode, code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
  }
  if (err instanceof UpstreamError) {
    return { body: { statusCode: err.statusCode, code: err.code, message: err.publicMessage } };
  }
  if (err instanceof QueryFailedError) {
    const code = (err.driverError as { code?: string })?.code;
    if (isDatabaseDown(err.driverError) || isDatabaseDown(err)) return dbDown();
    // 22021: a byte sequence the database cannot store (NUL); 22003/22008: a number or date out of range.
    if (code === '22021' || code === '22003' || code === '22008' || code === '22007' || code === '22001') {
      return { body: { statusCode: 400, code: ErrorCode.VALIDATION_FAILED, message: '请求参数有误', details: [] } };
    }
    if (code === '23505') return { body: { statusCode: 409, code: ErrorCode.CONFLICT, message: '记录已存在' } };
    if (code === '22P02') return { body: { statusCode: 404, code: ErrorCode.NOT_FOUND, message: '资源不存在' } };
    if (code === '23514') return { body: { statusCode: 400, code: ErrorCode.VALIDATION_FAILED, message: '数据不符合约束', details: [] } };
    if (code === '23503') return { body: { statusCode: 404, code: ErrorCode.NOT_FOUND, message: '引用的资源不存在' } };
    return { body: internal(), internal: err };
  }
  if (isDatabaseDown(err)) return dbDown();
  // Nest's exceptions, and Fastify's own refusals of a request (a malformed URL, an unsupported
  // content type, a body over the limit), which Nest hands over as HttpExceptions.
  const status = err instanceof HttpException ? err.getStatus() : fastifyClientErrorStatus(err);
  if (status !== undefined) {
    const mapped: Record<number, [ErrorCode, string]> = {
      400: [ErrorCode.VALIDATION_FAILED, '请求参数有误'],
      401: [ErrorCode.UNAUTHENTICATED, '请先登录'],
      403: [ErrorCode.FORBIDDEN, '无权进行此操作'],
      404: [ErrorCode.ROUTE_NOT_FOUND, '接口不存在'],
      413: [ErrorCode.PAYLOAD_TOO_LARGE, '请求体过大'],
      415: [ErrorCode.UNSUPPORTED_MEDIA_TYPE, '不支持的内容类型'],
      429: [ErrorCode.RATE_LIMITED, '请求过于频繁，请稍后再试'],
    };
    const [code, message] = mapped[status] ?? [status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED, (err as Error).message];
    return { body: { statusCode: status, code, message, ...(status === 400 ? { details: [] } : {}) }, internal: status >= 500 ? err : undefined };
  }
  return { body: internal(), internal: err };
}

/** A 4xx error of Fastify or one of its plugins (`FST_…`, with a `statusCode`) that reached us unmapped. */
function fastifyClientErrorStatus(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; code?: unknown };
  const isFastify = err instanceof Error && typeof e.code === 'string' && e.code.startsWith('FST_');
  return isFastify && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : undefined;
}

const internal = (): ErrorBody => ({ statusCode: 500, code: ErrorCode.INTERNAL_ERROR, message: '服务器内部错误' });
const dbDown = () => ({ body: { statusCode: 503, code: ErrorCode.DATABASE_UNAVAILABLE, message: '数据库暂不可用，请稍后再试' } as ErrorBody });

/**
 * Writes the contract's error body. A route's own Content-Type (an image, a workbook) does not stay on
 * its error; a response already under way (a download, a stream) is only logged.
 */
export function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const { body, internal: cause } = toErrorBody(err);
  // The id the request is logged under (app.factory.ts gives it), also for a request the router refused.
  const requestId = req.id;
  if (cause) logger.error({ err: cause, requestId }, 'unhandled error');
  if (reply.sent || reply.raw.headersSent) return;
  // Refused before its body was read (a guard before an upload, a body too large): the client may
  // still be sending it, or have given up on it, and a kept-alive connection would wait for the rest
  // for ever — holding a shutdown up. Close it once the answer is out.
  if (!req.raw.complete) reply.header('Connection', 'close');
  reply
    .status(body.statusCode)
    .header('x-request-id', requestId)
    .header('Content-Type', 'application/json; charset=utf-8')
    .send(JSON.stringify({ ...body, requestId }));
}

/**
 * A request Node's HTTP parser refused before Fastify saw it (malformed, headers too large, too slow):
 * the same body, written on the socket, which is then closed.
 */
export function sendClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = err.code === 'HPE_HEADER_OVERFLOW' ? [431, '请求头过大'] : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, '请求超时'] : [400, '请求格式有误'];
  const json = JSON.stringify(toErrorBody(new HttpException(message, status)).body);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : status === 431 ? 'Request Header Fields Too Large' : 'Request Timeout'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`);
  }
  socket.destroy(err);
}

@Catch()
export class AllErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    sendError(err, ctx.getRequest<FastifyRequest>(), ctx.getResponse<FastifyReply>(), this.logger);
  }
}
