import { eq } from 'drizzle-orm';
import type { Context, Hono } from 'hono';
import { z } from 'zod';

import { appError, type AppError } from '../../shared/errors';
import { sessions } from '../db/tenant/core';
import { problem } from '../http/problem';
import { sameOrigin } from '../http/security';
import { requireTenant, type AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { clientAddress } from '../security/client-address';
import { limiterFor, rateLimited, type RateRule } from '../security/rate-limit';
import { readJson } from './body';
import { clearSessionCookie, setSessionCookie } from './cookie';
import { issueDeviceCode, verifyDeviceCode } from './device-approval';
import { LoginBody, signIn } from './login';
import { requireSession, type AuthedEnv } from './middleware';
import { dummyHash } from './passwords';
import { listUserSessions, revokeSession, revokeUserSession } from './sessions';

/** Code entries per user, across all their sessions: a fresh sign-in must not reset it. */
export const DEVICE_VERIFY_PER_USER: RateRule = {
  name: 'device-verify-user',
  limit: 10,
  windowMs: 15 * 60 * 1000,
};
export const DEVICE_RESEND_PER_SESSION: RateRule = {
  name: 'device-resend-session',
  limit: 3,
  windowMs: 15 * 60 * 1000,
};

const VerifyBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'code: six digits'),
});

/** An error as a problem document; a throttled one also says when to come back. */
function failure(c: Context, e: AppError): Response {
  const retry = e.details?.retryAfterSeconds;
  if (e.code === 'rate_limited' && typeof retry === 'number') {
    c.header('Retry-After', String(retry));
  }
  return problem(c, e);
}

/**
 * Sign-in, sign-out, own sessions and new-device approval, on tenant hosts only. The limited
 * session of an unapproved device reaches verify, resend and logout here (and GET /api/me);
 * everything else answers 403 device_approval_required.
 */
export function authRoutes(app: Hono<AppEnv>, p: Platform): void {
  const addressOptions = { trustProxy: p.config.trustProxy };
  // Compute the dummy hash now, so the first unknown e-mail is not slower than a known one.
  void dummyHash();
  const tenant = requireTenant(p);
  const limitedOk = requireSession(p, { allowLimited: true });
  const full = requireSession(p);

  app.post('/api/auth/login', tenant, async (c) => {
    // Login CSRF: a page elsewhere must not sign the browser in to an account it picked.
    const origin = c.req.header('origin');
    if (origin !== undefined && !sameOrigin(origin, c.req.header('host'))) {
      return problem(c, appError('forbidden', 'Cross-site sign-in refused'));
    }
    const body = await readJson(c, LoginBody);
    if (!body.ok) return problem(c, body.error);

    const r = await signIn(p, c.get('tenant'), body.value, clientAddress(c, addressOptions));
    if (!r.ok) {
      c.get('log').warn({ reason: r.error.code }, 'sign-in refused');
      return failure(c, r.error);
    }

    const { token, user, limited } = r.value;
    setSessionCookie(c, p.config, token);
    c.get('log').info({ user: user.id, session: r.value.sessionId, limited }, 'signed in');
    return c.json({ token, user, limited });
  });

  app.post('/api/auth/logout', tenant, limitedOk, async (c) => {
    const { sessionId } = c.get('principal');
    await revokeSession(c.get('tenant').conn.db, sessionId, p.now());
    await p.bus.publish(c.get('tenant').tenant.slug, { type: 'session-revoked', sessionId });
    clearSessionCookie(c, p.config);
    return c.body(null, 204);
  });

  app.get('/api/auth/sessions', tenant, full, async (c) => {
    const principal = c.get('principal');
    const list = await listUserSessions(c.get('tenant').conn.db, principal.userId, p.now());
    return c.json({ sessions: list.map((s) => ({ ...s, current: s.id === principal.sessionId })) });
  });

  app.delete('/api/auth/sessions/:id', tenant, full, async (c) => {
    const id = c.req.param('id');
    const revoked = await revokeUserSession(
      c.get('tenant').conn.db,
      c.get('principal').userId,
      id,
      p.now(),
    );
    if (!revoked) return problem(c, appError('not_found', 'No such session of yours'));
    await p.bus.publish(c.get('tenant').tenant.slug, { type: 'session-revoked', sessionId: id });
    if (id === c.get('principal').sessionId) clearSessionCookie(c, p.config);
    return c.body(null, 204);
  });

  app.post('/api/auth/device/verify', tenant, limitedOk, async (c) => {
    const principal = c.get('principal');
    if (!principal.limited)
      return problem(c, appError('conflict', 'This session needs no approval'));
    const body = await readJson(c, VerifyBody);
    if (!body.ok) return problem(c, body.error);

    const throttle = await limiterFor(p, c.get('tenant').tenant.slug).hit(
      DEVICE_VERIFY_PER_USER,
      principal.userId,
    );
    if (!throttle.allowed)
      return rateLimited(c, throttle, 'Too many codes entered; try again later');

    const r = await verifyDeviceCode(p, c.get('tenant'), principal.sessionId, body.value.code);
    if (!r.ok) {
      c.get('log').warn({ reason: r.error.details?.reason }, 'device code refused');
      return failure(c, r.error);
    }
    c.get('log').info({ session: principal.sessionId }, 'device approved');
    return c.json({ limited: false });
  });

  app.post('/api/auth/device/resend', tenant, limitedOk, async (c) => {
    const principal = c.get('principal');
    if (!principal.limited)
      return problem(c, appError('conflict', 'This session needs no approval'));
    const throttle = await limiterFor(p, c.get('tenant').tenant.slug).hit(
      DEVICE_RESEND_PER_SESSION,
      principal.sessionId,
    );
    if (!throttle.allowed)
      return rateLimited(c, throttle, 'A code was sent a moment ago; check your e-mail');

    await issueDeviceCode(p, c.get('tenant'), await codeRequest(c, principal.sessionId));
    return c.json({ sent: true });
  });
}

async function codeRequest(c: Context<AuthedEnv>, sessionId: string) {
  const principal = c.get('principal');
  const [s] = await c
    .get('tenant')
    .conn.db.select({ deviceId: sessions.deviceId })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  return {
    sessionId,
    userId: principal.userId,
    email: principal.email,
    deviceHash: s?.deviceId ?? null,
  };
}
