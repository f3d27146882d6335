import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';

import { appError } from '../../shared/errors';
import { problem } from '../http/problem';
import type { AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { clientIp, type AuditActor } from './audit';
import { ADMIN_SESSION_COOKIE, findAdminSession, type AdminPrincipal } from './sessions';

export type AdminEnv = AppEnv & { Variables: AppEnv['Variables'] & { admin: AdminPrincipal } };

/**
 * The admin API exists only on `admin.<base>`: on a tenant or the central host it answers 404,
 * so an admin cookie or token is worthless anywhere else (docs/admin.md, A-1).
 */
export function requireAdminHost(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('site').kind !== 'admin')
      return problem(c, appError('not_found', `No route for ${c.req.method} ${c.req.path}`));
    await next();
  };
}

export function adminToken(c: Context): string | null {
  const auth = c.req.header('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return getCookie(c, ADMIN_SESSION_COOKIE) ?? null;
}

/**
 * Require an admin session. Sessions are looked up only in the central admin_sessions
 * table, so a tenant user's token (kept in a tenant database) is unknown here.
 */
export function requireAdmin(p: Platform): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const token = adminToken(c);
    const admin = token ? await findAdminSession(p, token) : null;
    if (!admin) return problem(c, appError('unauthenticated', 'Sign in to the admin console'));
    c.set('admin', admin);
    c.set('log', c.get('log').child({ admin: admin.adminId }));
    await next();
  };
}

export function actorOf(c: Context<AdminEnv>): AuditActor {
  const admin = c.get('admin');
  return {
    admin: { id: admin.adminId, email: admin.email },
    requestId: c.get('requestId'),
    ip: clientIp(c),
  };
}
