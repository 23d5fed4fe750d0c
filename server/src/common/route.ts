import { applyDecorators, Delete, Get, Header, HttpCode, Patch, Post, Put, UseInterceptors, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { Access, type AccessLevel } from './auth/access.decorator.js';
import { RateLimit, type RateLimitBucket } from './throttle.js';
import { UPLOAD_FIELD, UploadInterceptor } from './upload.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A path below the controller's prefix, or several (an old name kept as an alias answers the same). */
export type RoutePath = string | string[];

export interface RouteOptions {
  /** Who may call it. Required: no route goes without one (and the RouteAccessAuditor refuses to start if one did). */
  access: AccessLevel;
  /** The OpenAPI summary. */
  summary?: string;
  /** The JSON body of a success: a response DTO class, or `[Dto]` for an array of them. */
  returns?: Type<unknown> | [Type<unknown>];
  /**
   * The success status, when it is not Nest's default (201 for POST, 200 otherwise): a POST that
   * performs a step on something that exists, rather than creating it, answers 200.
   */
  status?: number;
  /**
   * The media type of a body that is not JSON (an image, a workbook), for the OpenAPI document.
   * @nestjs/swagger shows it only on a response that also names a body type (`returns`).
   */
  produces?: string;
  /** Fixed response headers (`Content-Type` of a file, `Cache-Control`). */
  headers?: Record<string, string>;
  /** The rate limit bucket, when not the default one (see common/throttle.ts). */
  rateLimit?: RateLimitBucket;
  /** A multipart upload of one file in the field `file`, refused above `maxBytes`; the handler takes it with `@UploadedFile()` (common/upload.ts). */
  upload?: { maxBytes: number };
}

const VERBS: Record<HttpMethod, (path?: RoutePath) => MethodDecorator> = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete };

/**
 * One route in one decorator: its method and path, who may call it, and what the OpenAPI document
 * says it answers. A controller then reads as a table of contents of the API:
 *
 *   @Route('POST', 'wishes/:id/approve', { access: 'staff', status: 200, returns: WishResponseDto, summary: '…' })
 *
 * Without a path it answers on the controller's own prefix.
 */
export function Route(method: HttpMethod, options: RouteOptions): MethodDecorator;
export function Route(method: HttpMethod, path: RoutePath, options: RouteOptions): MethodDecorator;
export function Route(method: HttpMethod, pathOrOptions: RoutePath | RouteOptions, maybeOptions?: RouteOptions): MethodDecorator {
  const [path, o] = maybeOptions ? [pathOrOptions as RoutePath, maybeOptions] : [undefined, pathOrOptions as RouteOptions];
  const status = o.status ?? (method === 'POST' ? 201 : 200);
  const decorators: Array<MethodDecorator> = [VERBS[method](path), Access(o.access)];
  if (o.status !== undefined) decorators.push(HttpCode(o.status));
  if (o.rateLimit) decorators.push(RateLimit(o.rateLimit));
  for (const [name, value] of Object.entries(o.headers ?? {})) decorators.push(Header(name, value));
  if (o.upload) {
    decorators.push(
      UseInterceptors(UploadInterceptor(o.upload.maxBytes)),
      ApiConsumes('multipart/form-data'),
      ApiBody({ schema: { type: 'object', properties: { [UPLOAD_FIELD]: { type: 'string', format: 'binary' } } } }),
    );
  }
  if (o.produces) decorators.push(ApiProduces(o.produces));
  if (o.summary !== undefined) decorators.push(ApiOperation({ summary: o.summary }));
  if (o.returns) decorators.push(ApiResponse({ status, type: o.returns }));
  return applyDecorators(...decorators);
}
