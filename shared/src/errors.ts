/**
 * Error codes carried in the `code` field of every error body:
 * `{ statusCode, code, message, details? }`. Clients branch on these, never on messages.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',

  WECHAT_CODE_INVALID: 'WECHAT_CODE_INVALID',
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  WECHAT_ERROR: 'WECHAT_ERROR',
  CONTENT_REJECTED: 'CONTENT_REJECTED',

  BIND_CODE_INVALID: 'BIND_CODE_INVALID',
  ALREADY_BOUND: 'ALREADY_BOUND',
  MEMBER_ALREADY_BOUND: 'MEMBER_ALREADY_BOUND',
  NOT_A_MEMBER: 'NOT_A_MEMBER',
  UPLOAD_INVALID: 'UPLOAD_INVALID',

  GREETING_ALREADY_SENT: 'GREETING_ALREADY_SENT',
  INVALID_STATE_TRANSITION: 'INVALID_STATE_TRANSITION',
  ALREADY_REVIEWED: 'ALREADY_REVIEWED',
  WISH_ALREADY_CLAIMED: 'WISH_ALREADY_CLAIMED',
  WISH_NOT_OPEN: 'WISH_NOT_OPEN',
  CLAIM_LIMIT_REACHED: 'CLAIM_LIMIT_REACHED',

  /** The scheme started: it can no longer be edited. */
  ASSESSMENT_FROZEN: 'ASSESSMENT_FROZEN',
  /** The results are published: scores are final. */
  ASSESSMENT_PUBLISHED: 'ASSESSMENT_PUBLISHED',
  /** Scores are given once the scheme started (it is still a draft). */
  ASSESSMENT_NOT_STARTED: 'ASSESSMENT_NOT_STARTED',
  /** The round is not open (closed, or not opened yet). */
  ROUND_CLOSED: 'ROUND_CLOSED',
  /** Another round is open: close it first. */
  ROUND_ALREADY_OPEN: 'ROUND_ALREADY_OPEN',
  /** The contest ended: its results are final and its judge code void. */
  CONTEST_ENDED: 'CONTEST_ENDED',
  /** No running contest has this judge code. */
  JUDGE_CODE_INVALID: 'JUDGE_CODE_INVALID',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One bad field of a request, as listed in a VALIDATION_FAILED body. */
export interface ErrorDetail {
  /** Dotted path of the field (`items.2.title`), or `row 7: birthday` in an import report. */
  field: string;
  /** What is wrong with it, readable by a person. */
  message: string;
  /** For imports: the 1-based row number in the uploaded sheet (the header is row 1). */
  row?: number;
}

/** The body of every error response. Never a stack trace or SQL. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
  /** The request id, also sent as the `x-request-id` header and written to the logs. */
  requestId?: string;
}
