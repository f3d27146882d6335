/**
 * The admin API client. The session is the HttpOnly `focus_admin_session` cookie, so no token
 * is kept in script-readable storage; the browser's Origin header satisfies the CSRF guard.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const SIGNED_OUT_EVENT = 'focus-admin-signed-out';

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  // An expired or revoked session: the app shows the sign-in form again.
  if (res.status === 401 && path !== '/api/admin/login' && path !== '/api/admin/me') {
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }
  if (!res.ok) {
    const detail =
      (data as { detail?: string } | null)?.detail ?? `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, detail);
  }
  return data as T;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
