import { and, desc, eq, gte, like, lte, type SQL } from 'drizzle-orm';
import type { Context } from 'hono';

import type { AuditView } from '../../shared/api/admin';
import * as c from '../db/central-schema';
import type { CentralDb } from '../db/connect';
import type { Platform } from '../platform/platform';
import { clientAddress, trustProxyFrom, UNKNOWN_ADDRESS } from '../security/client-address';

/** Who did it and through which request; `admin` is null for the platform's own actions. */
export interface AuditActor {
  readonly admin: { readonly id: string; readonly email: string } | null;
  readonly requestId: string | null;
  readonly ip: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { admin: null, requestId: null, ip: null };

export interface AuditEntry {
  readonly action: string;
  readonly target: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Append one entry, inside the caller's transaction when `db` is one. There is deliberately no update or delete function for this table, and
 * the database refuses both (trigger in the `audit_log_append_only` migration).
 */
export async function writeAudit(
  p: Platform,
  actor: AuditActor,
  entry: AuditEntry,
  db: Pick<CentralDb, 'insert'> = p.central,
): Promise<void> {
  await db.insert(c.auditLog).values({
    at: p.now(),
    adminId: actor.admin?.id ?? null,
    adminEmail: actor.admin?.email ?? null,
    action: entry.action,
    target: entry.target,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

export interface AuditFilter {
  readonly action?: string | undefined;
  readonly target?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly limit?: number | undefined;
}

/** Newest first. `action` matches exactly or as a prefix (`tenant.`); `target` exactly. */
export async function listAudit(p: Platform, f: AuditFilter): Promise<AuditView[]> {
  const where: SQL[] = [];
  if (f.action)
    where.push(
      f.action.endsWith('.')
        ? like(c.auditLog.action, `${f.action}%`)
        : eq(c.auditLog.action, f.action),
    );
  if (f.target) where.push(eq(c.auditLog.target, f.target));
  if (f.from) where.push(gte(c.auditLog.at, f.from));
  if (f.to) where.push(lte(c.auditLog.at, f.to));
  const rows = await p.central
    .select()
    .from(c.auditLog)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(c.auditLog.id))
    .limit(Math.min(f.limit ?? 200, 1000));
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    adminId: r.adminId,
    adminEmail: r.adminEmail,
    action: r.action,
    target: r.target,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    requestId: r.requestId,
    ip: r.ip,
  }));
}

/** The client address (X-Forwarded-For only behind FOCUS_TRUST_PROXY); null in-process. */
export function clientIp(c: Context): string | null {
  const address = clientAddress(c, { trustProxy: trustProxyFrom(process.env) });
  return address === UNKNOWN_ADDRESS ? null : address;
}
