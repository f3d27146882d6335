import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

import type { AppError} from '../../shared/errors';
import { ErrorCode, isAppError } from '../../shared/errors';

/** The one place where error codes become HTTP statuses (RFC 9457 problem documents). */
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation: 400,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
  tenant_suspended: 423,
  tenant_unavailable: 503,
  payload_too_large: 413,
  internal: 500,
};

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code];
}

export function problem(c: Context, error: AppError | { code: ErrorCode; message: string; details?: Readonly<Record<string, unknown>> | undefined }): Response {
  const status = STATUS[error.code];
  const body = {
    type: `https://focusapp.dev/problems/${error.code}`,
    title: error.code.replace(/_/g, ' '),
    status,
    detail: error.message,
    code: error.code,
    ...(error.details ? { details: error.details } : {}),
  };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' });
}

export function problemFromUnknown(c: Context, e: unknown): Response {
  if (isAppError(e)) return problem(c, e);
  return problem(c, { code: ErrorCode.Internal, message: 'Something went wrong on our side; it has been logged.' });
}
