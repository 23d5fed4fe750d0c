import { createParamDecorator, Injectable, mixin, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import { ErrorCode } from '@xianfeng/shared';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { AppError, badRequest } from './app-error.js';

/** The one file of an upload, read into memory. */
export interface UploadedFileData {
  buffer: Buffer;
  /** As the client declared it: never trusted for what the bytes are. */
  mimetype: string;
  /** The client's file name. */
  originalname: string;
  size: number;
}

/** The multipart field that carries the file. */
export const UPLOAD_FIELD = 'file';

const files = new WeakMap<FastifyRequest, UploadedFileData>();

const refused = (message: string) => badRequest('上传参数有误', [{ field: UPLOAD_FIELD, message }]);

/** What a failed read of the multipart body tells the client: too large, or malformed. */
function uploadError(err: unknown, maxBytes: number): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError(413, ErrorCode.PAYLOAD_TOO_LARGE, `文件过大（上限 ${Math.floor(maxBytes / (1024 * 1024))} MB）`);
  }
  if (code === 'FST_FILES_LIMIT') return refused('一次只能上传一个文件');
  return refused(typeof code === 'string' ? code : '上传内容不完整或格式有误');
}

/**
 * Reads the multipart body: the file of the field `file` (at most one, at most `maxBytes`); text
 * fields are read past and ignored. Undefined when the request carries no such file.
 */
async function readUpload(req: FastifyRequest, maxBytes: number): Promise<UploadedFileData | undefined> {
  let file: UploadedFileData | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== UPLOAD_FIELD) throw refused(`文件须放在 multipart 字段 ${UPLOAD_FIELD} 中`);
      const buffer = await part.toBuffer();
      file = { buffer, mimetype: part.mimetype, originalname: part.filename, size: buffer.length };
    }
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
  return file;
}

/**
 * The interceptor `@Route(…, { upload })` puts on an upload route: reads the file after the guards
 * (no body is read for a caller who may not upload), for {@link UploadedFile} to hand to the handler.
 */
export function UploadInterceptor(maxBytes: number): Type<NestInterceptor> {
  @Injectable()
  class ReadUpload implements NestInterceptor {
    async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = ctx.switchToHttp().getRequest<FastifyRequest>();
      if (req.isMultipart()) {
        const file = await readUpload(req, maxBytes);
        if (file) files.set(req, file);
      }
      return next.handle();
    }
  }
  return mixin(ReadUpload);
}

/** The uploaded file of an upload route (see `@Route(…, { upload })`), or undefined when none was sent. */
export const UploadedFile = createParamDecorator((_data: unknown, ctx: ExecutionContext): UploadedFileData | undefined =>
  files.get(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
