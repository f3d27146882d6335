import { sql } from 'drizzle-orm';

import { moduleOf } from '../../shared/permissions';
import type { TenantDb } from '../db/connect';
import { planPermissions, tenantSettings } from '../db/tenant/core';
import type { PlanPermissionSet } from '../platform/central';

/**
 * Replace the tenant's plan permission set in one transaction: readers see the old set or
 * the new one, never a mix (docs/tenancy.md, T-11).
 */
export async function applyPlanPermissions(db: TenantDb, set: PlanPermissionSet): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(planPermissions);
    const rows = set.permissions.flatMap((p) => {
      const m = moduleOf(p as never);
      return m === null ? [] : [{ permission: p, module: m }];
    });
    if (rows.length > 0) await tx.insert(planPermissions).values(rows);
    const info = JSON.stringify({
      key: set.planKey, name: set.planName, version: set.version, modules: set.modules, limits: set.limits,
    });
    await tx.insert(tenantSettings).values({ key: 'plan', value: info }).onDuplicateKeyUpdate({ set: { value: sql`VALUES(value)` } });
  });
}

export interface TenantPlanInfo {
  readonly key: string;
  readonly name: string;
  readonly version: number;
  readonly modules: readonly string[];
  readonly limits?: { readonly maxUsers: number; readonly mailCredits: number };
}

export async function readPlanInfo(db: TenantDb): Promise<TenantPlanInfo | null> {
  const rows = await db.select().from(tenantSettings).where(sql`${tenantSettings.key} = 'plan'`);
  const row = rows[0];
  return row ? (JSON.parse(row.value) as TenantPlanInfo) : null;
}
