import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';

import { randomToken, sha256 } from '../../shared/crypto';
import { newID } from '../../shared/ids';
import { effectivePermissions, type AnyPermission } from '../../shared/permissions';
import type { TenantDb } from '../db/connect';
import { planPermissions, rolePermissions, sessions, userRoles, users } from '../db/tenant/core';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export interface Principal {
  readonly sessionId: string;
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  /** Waiting for new-device approval: may only read /api/me and enter the code. */
  readonly limited: boolean;
  readonly roles: readonly string[];
  readonly permissions: ReadonlySet<AnyPermission>;
}

/** A new opaque session token; only its hash is stored (docs/tenancy.md, T-8). */
export async function createSession(
  db: TenantDb,
  opts: { readonly userId: string; readonly deviceId: string | null; readonly limited: boolean; readonly now: Date },
): Promise<{ token: string; sessionId: string }> {
  const token = randomToken(32);
  const sessionId = newID();
  await db.insert(sessions).values({
    id: sessionId,
    tokenHash: sha256(token),
    userId: opts.userId,
    deviceId: opts.deviceId,
    limited: opts.limited,
    createdAt: opts.now,
    lastSeenAt: opts.now,
    expiresAt: new Date(opts.now.getTime() + SESSION_TTL_MS),
  });
  return { token, sessionId };
}

/**
 * Look a token up in this tenant's database. A token minted by another tenant is simply not
 * there, so it fails as unknown (docs/tenancy.md, T-9).
 */
export async function findSession(db: TenantDb, token: string, now: Date): Promise<Principal | null> {
  if (token.length < 20 || token.length > 200) return null;
  const rows = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  const row = rows[0];
  if (!row || !row.u.active) return null;
  const { roles, permissions } = await loadPermissions(db, row.u.id);
  return {
    sessionId: row.s.id,
    userId: row.u.id,
    email: row.u.email,
    name: row.u.name,
    limited: row.s.limited,
    roles,
    permissions,
  };
}

/** Effective permissions: the user's role grants intersected with the plan (T-10). */
export async function loadPermissions(db: TenantDb, userId: string): Promise<{ roles: string[]; permissions: Set<AnyPermission> }> {
  const roleRows = await db.select({ role: userRoles.roleKey }).from(userRoles).where(eq(userRoles.userId, userId));
  const roles = roleRows.map((r) => r.role);
  const grants = roles.length === 0
    ? []
    : await db.select({ p: rolePermissions.permission }).from(rolePermissions).where(inArray(rolePermissions.roleKey, roles));
  const plan = await db.select({ p: planPermissions.permission }).from(planPermissions);
  return { roles, permissions: effectivePermissions(grants.map((g) => g.p), new Set(plan.map((r) => r.p))) };
}

export async function revokeSession(db: TenantDb, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}

export async function unlimitSession(db: TenantDb, sessionId: string): Promise<void> {
  await db.update(sessions).set({ limited: false }).where(eq(sessions.id, sessionId));
}

export interface SessionView {
  readonly id: string;
  readonly limited: boolean;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
}

/** The user's sessions that still work, newest first. */
export async function listUserSessions(db: TenantDb, userId: string, now: Date): Promise<SessionView[]> {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt));
  return rows.map((s) => ({
    id: s.id,
    limited: s.limited,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
  }));
}

/** Revoke one of the user's own sessions; false when it is not theirs or already revoked. */
export async function revokeUserSession(db: TenantDb, userId: string, sessionId: string, now: Date): Promise<boolean> {
  const [r] = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  return r.affectedRows === 1;
}
