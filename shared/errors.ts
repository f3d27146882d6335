/**
 * Errors as values. Expected failures (validation, permission, conflict) carry a code and
 * the level they should be logged at; the HTTP boundary maps codes to status codes once
 * (sync-server/http/problem.ts), so domain code never thinks about HTTP.
 */

export const ErrorCode = {
  Validation: 'validation',
  NotFound: 'not_found',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  Conflict: 'conflict',
  RateLimited: 'rate_limited',
  TenantSuspended: 'tenant_suspended',
  TenantUnavailable: 'tenant_unavailable',
  PayloadTooLarge: 'payload_too_large',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AppErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  /** Machine-readable details safe to show a client (field paths, limits). Never secrets. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'AppError';
    this.code = data.code;
    this.details = data.details;
  }

  /** Expected errors are warnings; anything internal is a broken invariant. */
  get level(): LogLevel {
    return this.code === ErrorCode.Internal ? 'error' : 'warn';
  }
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E = AppError>(error: E): Result<never, E> {
  return { ok: false, error };
}

export function appError(
  code: ErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): AppError {
  return new AppError(details === undefined ? { code, message } : { code, message, details });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
