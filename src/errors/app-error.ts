/**
 * The one error type of Ponte. Codes are a closed list and map to HTTP status in one place.
 * `fields` maps a field name to a message key (translated at the edge, in the user's language).
 */
export const errorStatus = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  database_locked: 409,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** A field problem: a message key from the `errors` catalog plus interpolation values. */
export type FieldProblem = { key: string; values?: Record<string, string | number> };

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly messageKey: string = `errors:${code}`,
    public readonly fields: Record<string, FieldProblem> = {},
    public readonly values: Record<string, string | number> = {},
  ) {
    super(messageKey);
    this.name = "AppError";
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
