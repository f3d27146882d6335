import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';

import { appError } from '../../shared/errors';
import type { AnyPermission } from '../../shared/permissions';
import { problem } from '../http/problem';
import { SESSION_COOKIE } from '../http/security';
import type { AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { findSession, type Principal } from './sessions';

export type AuthedEnv = AppEnv & { Variables: AppEnv['Variables'] & { principal: Principal } };

/** The session token from `Authorization: Bearer` (sync client, CLI) or the HttpOnly cookie. */
export function sessionToken(c: Context): string | null {
  const auth = c.req.header('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return getCookie(c, SESSION_COOKIE) ?? null;
}

/**
 * Require a signed-in user of the resolved tenant. Mount after requireTenant. A limited
 * session (new device, not yet approved) passes only where `allowLimited` is set.
 */
export function requireSession(p: Platform, opts: { readonly allowLimited?: boolean } = {}): MiddlewareHandler<AuthedEnv> {
  return async (c, next) => {
    const token = sessionToken(c);
    const principal = token ? await findSession(c.get('tenant').conn.db, token, p.now()) : null;
    if (!principal) return problem(c, appError('unauthenticated', 'Sign in to continue'));
    if (principal.limited && !opts.allowLimited) {
      return problem(c, appError('forbidden', 'This device is waiting for approval: enter the code we e-mailed you', { reason: 'device_approval_required' }));
    }
    c.set('principal', principal);
    c.set('log', c.get('log').child({ user: principal.userId }));
    await next();
  };
}

export function requirePermission(permission: AnyPermission): MiddlewareHandler<AuthedEnv> {
  return async (c, next) => {
    if (!c.get('principal').permissions.has(permission)) {
      return problem(c, appError('forbidden', `You need the ${permission} permission`, { permission }));
    }
    await next();
  };
}
