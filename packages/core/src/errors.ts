/**
 * The one error type of Ekspedit. Codes are stable strings that clients (web, CLI, integrations)
 * may depend on; the server maps each to an HTTP status in one place, the web app to Danish text.
 */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  CASE_NOT_FOUND: 404,
  UNIT_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  CASE_CLOSED: 409,
  CONFLICT: 409,
  EML_UNPARSEABLE: 422,
  UNKNOWN_KIND: 400,
  DATA_DIR_LOCKED: 409,
  RATE_LIMITED: 429,
  MAIL_DELIVERY_FAILED: 502,
  APPROVAL_REQUIRED: 409,
  APPROVAL_STALE: 409,
  APPROVAL_CONSUMED: 409,
  APPROVER_NOT_ALLOWED: 403,
  POLICY_FORBIDS: 403,
  POLICY_HARD_LIMIT: 422,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** A failure with a stable code; `details` must never carry personal data or message bodies. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, options: { message?: string; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(options.message ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }
}

/** True when the value is an AppError (also across module copies). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError || (value instanceof Error && value.name === 'AppError' && 'code' in value);
}

/** The HTTP status for an error code; unknown codes are server errors. */
export function httpStatusFor(code: string): number {
  return (errorCodes as Record<string, number>)[code] ?? 500;
}
