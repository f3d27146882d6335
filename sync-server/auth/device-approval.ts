import { createHmac, randomInt } from 'node:crypto';

import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';

import { deriveKey, safeEqual, sha256 } from '../../shared/crypto';
import { appError, err, ok, type AppError, type Result } from '../../shared/errors';
import { newID } from '../../shared/ids';
import type { TenantDb } from '../db/connect';
import { deviceCodes, devices, sessions, tenantSettings } from '../db/tenant/core';
import type { TenantContext } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { unlimitSession } from './sessions';

/**
 * New-device approval. A sign-in from a device the user has not approved yet gets a limited
 * session and a six-digit code by e-mail; entering the code approves the device and lifts
 * the limit. Only hashes are stored: of the device id and of the code.
 */
export const CODE_TTL_MS = 10 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;

/** Device ids are opaque strings the client keeps; we store only their hash. */
export function deviceHash(deviceId: string): string {
  return sha256(`device:${deviceId}`);
}

/** Whether the tenant asks for approval of new devices; on unless turned off. */
export async function deviceApprovalOn(db: TenantDb): Promise<boolean> {
  const [row] = await db
    .select()
    .from(tenantSettings)
    .where(eq(tenantSettings.key, 'device_approval'));
  return row?.value !== 'off';
}

export async function isDeviceApproved(
  db: TenantDb,
  userId: string,
  hash: string | null,
): Promise<boolean> {
  if (hash === null) return false;
  const [row] = await db
    .select({ id: devices.id })
    .from(devices)
    .where(
      and(eq(devices.userId, userId), eq(devices.deviceHash, hash), isNotNull(devices.approvedAt)),
    );
  return row !== undefined;
}

/**
 * The code's hash is keyed by the tenant data key and bound to the session: a six-digit code
 * has too little entropy for a plain hash to protect it if the table leaks.
 */
function codeHash(dataKey: Buffer, sessionId: string, code: string): string {
  return createHmac('sha256', deriveKey(dataKey, 'device-code'))
    .update(`${sessionId}:${code}`)
    .digest('base64url');
}

export interface CodeRequest {
  readonly sessionId: string;
  readonly userId: string;
  readonly email: string;
  readonly deviceHash: string | null;
}

/** Make a fresh code for a limited session (earlier ones stop working) and e-mail it. */
export async function issueDeviceCode(
  p: Platform,
  t: TenantContext,
  req: CodeRequest,
): Promise<void> {
  const { db, dataKey } = t.conn;
  const now = p.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.transaction(async (tx) => {
    await tx
      .update(deviceCodes)
      .set({ usedAt: now })
      .where(and(eq(deviceCodes.sessionId, req.sessionId), isNull(deviceCodes.usedAt)));
    await tx.insert(deviceCodes).values({
      id: newID(),
      sessionId: req.sessionId,
      codeHash: codeHash(dataKey, req.sessionId, code),
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      createdAt: now,
    });
    if (req.deviceHash !== null) {
      await tx
        .insert(devices)
        .ignore()
        .values({ id: newID(), userId: req.userId, deviceHash: req.deviceHash, createdAt: now });
    }
  });
  // The code goes in the body only: subjects reach the log (docs/tenancy.md, T-14).
  await p.mail.send({
    to: req.email,
    tenant: t.tenant.slug,
    subject: `Approve a new device for ${t.tenant.name}`,
    text:
      `Someone signed in to ${t.tenant.name} on FocusApp from a device we have not seen before.\n\n` +
      `If it was you, enter this code within 10 minutes: ${code}\n\n` +
      `If it was not you, change your password: the new device can do nothing without the code.`,
  });
}

/**
 * Check a code for a limited session. Every attempt is counted before the comparison, in one
 * conditional UPDATE, so parallel guesses can't exceed MAX_CODE_ATTEMPTS; the code is marked
 * used the same way, so it works once.
 */
export async function verifyDeviceCode(
  p: Platform,
  t: TenantContext,
  sessionId: string,
  code: string,
): Promise<Result<void, AppError>> {
  const { db, dataKey } = t.conn;
  const now = p.now();
  const [row] = await db
    .select()
    .from(deviceCodes)
    .where(and(eq(deviceCodes.sessionId, sessionId), isNull(deviceCodes.usedAt)))
    .orderBy(desc(deviceCodes.createdAt))
    .limit(1);
  if (!row)
    return err(
      appError('validation', 'No code is waiting for this sign-in; ask for a new one', {
        reason: 'no_code',
      }),
    );
  if (row.expiresAt.getTime() <= now.getTime()) {
    return err(
      appError('validation', 'That code has expired; ask for a new one', {
        reason: 'code_expired',
      }),
    );
  }

  const [claimed] = await db
    .update(deviceCodes)
    .set({ attempts: sql`${deviceCodes.attempts} + 1` })
    .where(
      and(
        eq(deviceCodes.id, row.id),
        isNull(deviceCodes.usedAt),
        sql`${deviceCodes.attempts} < ${MAX_CODE_ATTEMPTS}`,
      ),
    );
  if (claimed.affectedRows !== 1) {
    return err(
      appError('rate_limited', 'Too many wrong codes; ask for a new one', {
        reason: 'too_many_attempts',
      }),
    );
  }
  if (!safeEqual(codeHash(dataKey, sessionId, code), row.codeHash)) {
    const attemptsLeft = Math.max(0, MAX_CODE_ATTEMPTS - row.attempts - 1);
    return err(
      appError('validation', 'That code is not right', { reason: 'wrong_code', attemptsLeft }),
    );
  }

  const [used] = await db
    .update(deviceCodes)
    .set({ usedAt: now })
    .where(and(eq(deviceCodes.id, row.id), isNull(deviceCodes.usedAt)));
  if (used.affectedRows !== 1)
    return err(appError('validation', 'That code was already used', { reason: 'code_used' }));
  await approveSessionDevice(db, sessionId, now);
  return ok(undefined);
}

async function approveSessionDevice(db: TenantDb, sessionId: string, now: Date): Promise<void> {
  const [s] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  if (s?.deviceId) {
    await db
      .update(devices)
      .set({ approvedAt: now })
      .where(
        and(
          eq(devices.userId, s.userId),
          eq(devices.deviceHash, s.deviceId),
          isNull(devices.approvedAt),
        ),
      );
  }
  await unlimitSession(db, sessionId);
}
