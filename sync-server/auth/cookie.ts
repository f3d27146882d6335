import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';

import type { Config } from '../config';
import { SESSION_COOKIE } from '../http/security';
import { SESSION_TTL_MS } from './sessions';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (no cross-site POST sends
 * it), Secure in production, and no Domain attribute, so the browser sends it back only to
 * the tenant host that set it (docs/tenancy.md, T-8).
 */
export function sessionCookieOptions(config: Pick<Config, 'env'>): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: config.env === 'production',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  };
}

export function setSessionCookie(c: Context, config: Pick<Config, 'env'>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, sessionCookieOptions(config));
}

export function clearSessionCookie(c: Context, config: Pick<Config, 'env'>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: config.env === 'production' });
}
