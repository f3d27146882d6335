import { sql } from 'drizzle-orm';

import type { TenantView } from '../../shared/api/admin';
import * as cs from '../db/central-schema';
import { users } from '../db/tenant/core';
import type { Platform } from '../platform/platform';
import { listTenants, type TenantRecord } from '../tenancy/tenant-record';

export interface TenantFilter {
  readonly q?: string | undefined;
  readonly status?: string | undefined;
  readonly plan?: string | undefined;
  readonly dbHost?: string | undefined;
}

/**
 * The tenants table of the admin SPA. Row counts and sizes come from one information_schema
 * query over all tenant databases; user counts from each active tenant's own database.
 * Limitation: no pagination; fine for hundreds of tenants, not for many thousands.
 * Limitation: e-mail credits show the plan's monthly allowance; usage is not metered yet.
 */
export async function listTenantViews(p: Platform, f: TenantFilter = {}): Promise<TenantView[]> {
  const plans = new Map((await p.central.select().from(cs.plans)).map((pl) => [pl.id, pl]));
  const q = f.q?.trim().toLowerCase();
  const tenants = (await listTenants(p.central)).filter(
    (t) =>
      (!q || t.slug.includes(q) || t.name.toLowerCase().includes(q) || t.ownerEmail.includes(q)) &&
      (!f.status || t.status === f.status) &&
      (!f.plan || plans.get(t.planId)?.key === f.plan) &&
      (!f.dbHost || t.dbHost === f.dbHost),
  );
  const sizes = await databaseSizes(
    p,
    tenants.map((t) => t.dbName),
  );
  const userCounts = await Promise.all(tenants.map((t) => countUsers(p, t)));
  return tenants.map((t, i) => {
    const plan = plans.get(t.planId);
    const size = sizes.get(t.dbName);
    return {
      slug: t.slug,
      name: t.name,
      status: t.status,
      statusReason: t.statusReason,
      plan: { id: t.planId, key: plan?.key ?? '?', name: plan?.name ?? '?' },
      dbServer: t.dbServer,
      dbHost: t.dbHost,
      dbName: t.dbName,
      createdAt: t.createdAt.toISOString(),
      usage: {
        users: userCounts[i] ?? null,
        rows: size?.rows ?? 0,
        storageBytes: size?.bytes ?? 0,
        mailCreditsPerMonth: plan?.mailCredits ?? 0,
      },
    };
  });
}

async function databaseSizes(
  p: Platform,
  dbNames: readonly string[],
): Promise<Map<string, { rows: number; bytes: number }>> {
  const out = new Map<string, { rows: number; bytes: number }>();
  if (dbNames.length === 0) return out;
  // The central pool logs in as the platform's root user, which can read every schema's stats.
  const [rows] = await p.centralPool.query(
    `SELECT table_schema AS db, COALESCE(SUM(table_rows), 0) AS n, COALESCE(SUM(data_length + index_length), 0) AS bytes
       FROM information_schema.TABLES WHERE table_schema IN (?) GROUP BY table_schema`,
    [dbNames],
  );
  for (const r of rows as { db: string; n: string | number; bytes: string | number }[]) {
    out.set(r.db, { rows: Number(r.n), bytes: Number(r.bytes) });
  }
  return out;
}

async function countUsers(p: Platform, t: TenantRecord): Promise<number | null> {
  if (t.status !== 'active' && t.status !== 'suspended') return null;
  try {
    const [row] = await p.pools
      .get(t)
      .db.select({ n: sql<number>`count(*)` })
      .from(users);
    return Number(row?.n ?? 0);
  } catch (e) {
    p.logger.warn(
      { tenant: t.slug, error: e instanceof Error ? e.message : String(e) },
      'could not count tenant users',
    );
    return null;
  }
}
