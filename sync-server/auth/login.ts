import { eq } from 'drizzle-orm';
import { z } from 'zod';

import { appError, err, ok, type AppError, type Result } from '../../shared/errors';
import { users } from '../db/tenant/core';
import type { TenantContext } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { limiterFor, type RateRule } from '../security/rate-limit';
import { deviceApprovalOn, deviceHash, isDeviceApproved, issueDeviceCode } from './device-approval';
import { dummyHash, verifyPassword } from './passwords';
import { createSession, loadPermissions } from './sessions';

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().max(254).email('email is not a valid address'),
  password: z.string().min(1, 'password is required').max(256),
  deviceId: z.string().min(8).max(200).optional(),
});
export type LoginBody = z.output<typeof LoginBody>;

/** Failed sign-ins per account and per client address, each in a 15-minute window. */
export const FAILED_LOGIN_PER_ACCOUNT: RateRule = {
  name: 'login-fail-account',
  limit: 5,
  windowMs: 15 * 60 * 1000,
};
export const FAILED_LOGIN_PER_ADDRESS: RateRule = {
  name: 'login-fail-address',
  limit: 20,
  windowMs: 15 * 60 * 1000,
};

export interface SignedIn {
  readonly token: string;
  readonly sessionId: string;
  readonly limited: boolean;
  readonly user: {
    readonly id: string;
    readonly email: string;
    readonly name: string;
    readonly roles: readonly string[];
    readonly permissions: readonly string[];
  };
}

const BAD_CREDENTIALS = 'E-mail or password is not right';

/**
 * Sign a user in to one tenant. Order matters: every attempt is counted against the account
 * and the address before the password is checked, so parallel guesses can't slip past the
 * limit while argon2 runs; a success then takes its count back (the account's count is
 * cleared). An unknown e-mail still costs one argon2 verification, so timing doesn't tell
 * which accounts exist.
 */
export async function signIn(
  p: Platform,
  t: TenantContext,
  body: LoginBody,
  address: string,
): Promise<Result<SignedIn, AppError>> {
  const limiter = limiterFor(p, t.tenant.slug);
  const counted = await Promise.all([
    limiter.hit(FAILED_LOGIN_PER_ACCOUNT, body.email),
    limiter.hit(FAILED_LOGIN_PER_ADDRESS, address),
  ]);
  const blocked = counted.find((s) => !s.allowed);
  if (blocked) {
    return err(
      appError('rate_limited', 'Too many failed sign-ins; try again later', {
        retryAfterSeconds: blocked.retryAfterSeconds,
      }),
    );
  }

  const { db } = t.conn;
  const [user] = await db.select().from(users).where(eq(users.email, body.email));
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), body.password);
  if (!user || !valid || !user.active) return err(appError('unauthenticated', BAD_CREDENTIALS));
  await Promise.all([
    limiter.reset(FAILED_LOGIN_PER_ACCOUNT, body.email),
    limiter.undo(FAILED_LOGIN_PER_ADDRESS, address),
  ]);

  const device = body.deviceId === undefined ? null : deviceHash(body.deviceId);
  const limited = (await deviceApprovalOn(db)) && !(await isDeviceApproved(db, user.id, device));
  const session = await createSession(db, {
    userId: user.id,
    deviceId: device,
    limited,
    now: p.now(),
  });
  if (limited) {
    await issueDeviceCode(p, t, {
      sessionId: session.sessionId,
      userId: user.id,
      email: user.email,
      deviceHash: device,
    });
  }
  const { roles, permissions } = await loadPermissions(db, user.id);
  return ok({
    token: session.token,
    sessionId: session.sessionId,
    limited,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      roles: [...roles].sort(),
      permissions: [...permissions].sort(),
    },
  });
}
