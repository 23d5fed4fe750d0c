import { HttpException } from '@nestjs/common';
import { ErrorCode, type ErrorDetail } from '@xianfeng/shared';

/**
 * The one exception type services throw. The global filter turns it into the contract's error body
 * `{ statusCode, code, message, details? }`.
 */
export class AppError extends HttpException {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super({ statusCode, code, message, details }, statusCode);
  }
}

export const notFound = (what = '资源', code: ErrorCode = ErrorCode.NOT_FOUND) =>
  new AppError(404, code, `${what}不存在`);
export const forbidden = (message = '无权进行此操作') => new AppError(403, ErrorCode.FORBIDDEN, message);
export const conflict = (code: ErrorCode, message: string) => new AppError(409, code, message);
export const badRequest = (message: string, details?: ErrorDetail[]) =>
  new AppError(400, ErrorCode.VALIDATION_FAILED, message, details ?? []);
