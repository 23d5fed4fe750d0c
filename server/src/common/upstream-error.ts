import type { ErrorCode } from '@xianfeng/shared';

/**
 * An outside service (an adapter's upstream: WeChat, object storage…) failed. Adapters throw
 * subclasses; the error filter answers `statusCode` / `code` / `message` without knowing which
 * adapter it was.
 */
export class UpstreamError extends Error {
  constructor(
    message: string,
    /** 502 (the upstream answered with an error) or 503 (it could not be reached). */
    readonly statusCode: 502 | 503,
    readonly code: ErrorCode,
    /** The user-facing (Chinese) message. */
    readonly publicMessage: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
