import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

import { appError } from '../../shared/errors';
import type { AppEnv } from './tenant-context';
import { problem } from './problem';

export const SESSION_COOKIE = 'focus_session';
export const ADMIN_SESSION_COOKIE = 'focus_admin_session';

/** Headers every response carries (ASVS V14): no sniffing, no framing, a strict CSP. */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'", 'ws:', 'wss:'],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: 'same-origin',
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    permissionsPolicy: { camera: [], geolocation: [], microphone: ['self'] },
  });
}

/**
 * CSRF defence for cookie sessions: a state-changing request that carries the session cookie
 * must come from the same origin as the Host it targets (docs/tenancy.md, T-13). Bearer-token
 * requests carry no ambient credential and pass.
 */
export function csrfGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const cookie = c.req.header('cookie') ?? '';
    const hasSession = [SESSION_COOKIE, ADMIN_SESSION_COOKIE].some((name) => cookie.includes(`${name}=`));
    if (!hasSession || c.req.header('authorization')) return next();
    if (!sameOrigin(c.req.header('origin') ?? c.req.header('referer'), c.req.header('host'))) {
      return problem(c, appError('forbidden', 'Cross-site request refused'));
    }
    return next();
  };
}

export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}
