import { and, eq, lt } from 'drizzle-orm';
import type { Hono } from 'hono';
import { setCookie, deleteCookie } from 'hono/cookie';
import { z } from 'zod';

import { sha256 } from '../../shared/crypto';
import { appError } from '../../shared/errors';
import { dummyHash, verifyPassword } from '../auth/passwords';
import * as cs from '../db/central-schema';
import { problem } from '../http/problem';
import type { AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { findAdminByEmail } from './admin-users';
import { clientIp, writeAudit } from './audit';
import { actorOf, requireAdmin, requireAdminHost } from './middleware';
import { withinLimit } from './rate-limit';
import {
  ADMIN_SESSION_COOKIE,
  ADMIN_SESSION_TTL_MS,
  createAdminSession,
  revokeAdminSession,
} from './sessions';
import { openTotpSecret, totpStep } from './totp';

const LoginBody = z.object({
  email: z.string().max(254),
  password: z.string().max(256),
  totp: z.string().max(12).optional(),
});

const LOGIN_LIMIT = { limit: 10, windowSeconds: 15 * 60 };
const WRONG = 'Wrong e-mail, password or authenticator code';

/** Sign-in, sign-out and `me` for platform admins; admin host only (docs/admin.md, A-1..A-4). */
export function adminAuthRoutes(app: Hono<AppEnv>, p: Platform): void {
  app.use('/api/admin/*', requireAdminHost());

  app.post('/api/admin/login', async (c) => {
    const parsed = LoginBody.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success)
      return problem(c, appError('validation', 'email, password and totp are required'));
    const { email, password, totp } = parsed.data;
    const log = c.get('log');

    // Both limits must hold: one IP trying many accounts, and many IPs trying one account.
    const ip = clientIp(c) ?? 'local';
    const prefix = `${p.config.dbPrefix}admin-login`;
    const byIp = await withinLimit(p.redis, `${prefix}:ip:${ip}`, LOGIN_LIMIT);
    const byEmail = await withinLimit(
      p.redis,
      `${prefix}:email:${sha256(email.trim().toLowerCase())}`,
      LOGIN_LIMIT,
    );
    if (!byIp || !byEmail) {
      log.warn('admin login rate-limited');
      return problem(c, appError('rate_limited', 'Too many sign-in attempts; wait a few minutes'));
    }

    const admin = await findAdminByEmail(p, email);
    const passwordOk = await verifyPassword(admin?.passwordHash ?? (await dummyHash()), password);
    if (!admin || !passwordOk) {
      log.warn('admin login refused: password');
      return problem(c, appError('unauthenticated', WRONG));
    }

    // The second factor is not optional: a missing code fails exactly like a wrong one.
    const step = totp
      ? totpStep(openTotpSecret(p.masterKey, admin.id, admin.totpSecretEnc), totp, p.now())
      : null;
    if (step === null) {
      log.warn({ admin: admin.id }, 'admin login refused: totp');
      return problem(c, appError('unauthenticated', WRONG));
    }
    // Steps older than the validation window can never be presented again: drop them.
    await p.central
      .delete(cs.adminTotpUsed)
      .where(and(eq(cs.adminTotpUsed.adminId, admin.id), lt(cs.adminTotpUsed.step, step - 2)));
    const fresh = await p.central
      .insert(cs.adminTotpUsed)
      .ignore()
      .values({ adminId: admin.id, step });
    if (fresh[0].affectedRows === 0) {
      log.warn({ admin: admin.id }, 'admin login refused: totp code replayed');
      return problem(c, appError('unauthenticated', WRONG));
    }

    const { token, sessionId } = await createAdminSession(p, admin.id);
    setCookie(c, ADMIN_SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: p.config.env === 'production',
      maxAge: Math.floor(ADMIN_SESSION_TTL_MS / 1000),
    });
    await writeAudit(
      p,
      {
        admin: { id: admin.id, email: admin.email },
        requestId: c.get('requestId'),
        ip: clientIp(c),
      },
      {
        action: 'admin.login',
        target: `admin:${admin.id}`,
        after: { sessionId },
      },
    );
    return c.json({ token, admin: { id: admin.id, email: admin.email } });
  });

  const authed = requireAdmin(p);

  app.get('/api/admin/me', authed, (c) => {
    const a = c.get('admin');
    return c.json({ admin: { id: a.adminId, email: a.email } });
  });

  app.post('/api/admin/logout', authed, async (c) => {
    const a = c.get('admin');
    await revokeAdminSession(p, a.sessionId);
    deleteCookie(c, ADMIN_SESSION_COOKIE, { path: '/' });
    await writeAudit(p, actorOf(c), {
      action: 'admin.logout',
      target: `admin:${a.adminId}`,
      before: { sessionId: a.sessionId },
    });
    return c.json({ ok: true });
  });
}
