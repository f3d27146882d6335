import { and, eq, gt, isNull } from 'drizzle-orm';

import { randomToken, sha256 } from '../../shared/crypto';
import { newID } from '../../shared/ids';
import * as c from '../db/central-schema';
import type { Platform } from '../platform/platform';

/** Admin sessions are short: a stolen console cookie is worth less than a tenant's. */
export const ADMIN_SESSION_TTL_MS = 8 * 3600 * 1000;

export { ADMIN_SESSION_COOKIE } from '../http/security';

export interface AdminPrincipal {
  readonly sessionId: string;
  readonly adminId: string;
  readonly email: string;
}

export async function createAdminSession(
  p: Platform,
  adminId: string,
): Promise<{ token: string; sessionId: string }> {
  const token = randomToken(32);
  const sessionId = newID();
  const now = p.now();
  await p.central.insert(c.adminSessions).values({
    id: sessionId,
    tokenHash: sha256(token),
    adminId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ADMIN_SESSION_TTL_MS),
  });
  return { token, sessionId };
}

/**
 * Admin sessions live only in the central catalog, so no tenant database can hold one and a
 * tenant token is simply unknown here.
 */
export async function findAdminSession(p: Platform, token: string): Promise<AdminPrincipal | null> {
  if (token.length < 20 || token.length > 200) return null;
  const rows = await p.central
    .select({ s: c.adminSessions, a: c.adminUsers })
    .from(c.adminSessions)
    .innerJoin(c.adminUsers, eq(c.adminUsers.id, c.adminSessions.adminId))
    .where(
      and(
        eq(c.adminSessions.tokenHash, sha256(token)),
        isNull(c.adminSessions.revokedAt),
        gt(c.adminSessions.expiresAt, p.now()),
      ),
    );
  const row = rows[0];
  return row ? { sessionId: row.s.id, adminId: row.a.id, email: row.a.email } : null;
}

export async function revokeAdminSession(p: Platform, sessionId: string): Promise<void> {
  await p.central
    .update(c.adminSessions)
    .set({ revokedAt: p.now() })
    .where(eq(c.adminSessions.id, sessionId));
}
