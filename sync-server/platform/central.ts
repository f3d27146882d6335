import { eq } from 'drizzle-orm';

import { decrypt, encrypt } from '../../shared/crypto';
import { MODULES, PERMISSIONS_BY_MODULE, SEED_PLANS } from '../../shared/permissions';
import * as c from '../db/central-schema';
import { CENTRAL_MIGRATIONS, ident, runMigrations, type CentralDb, type Pool } from '../db/connect';
import { MasterKeyError } from '../tenancy/master-key';

const KEY_CHECK = 'focusapp master key check';

export function centralDatabaseName(prefix: string): string {
  return `${prefix}central`;
}

/** Create the central database if needed and bring it to the latest migration. */
export async function migrateCentral(adminPool: Pool, centralPool: Pool, prefix: string): Promise<void> {
  await adminPool.query(`CREATE DATABASE IF NOT EXISTS ${ident(centralDatabaseName(prefix))} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await runMigrations(centralPool, CENTRAL_MIGRATIONS);
}

/**
 * The first start records a ciphertext made with the master key; every later start decrypts
 * it. A changed or lost key fails here, loudly, before any tenant key is unwrapped with it.
 */
export async function checkMasterKey(db: CentralDb, masterKey: Buffer): Promise<void> {
  const rows = await db.select().from(c.platformMeta).where(eq(c.platformMeta.key, 'master_key_check'));
  const row = rows[0];
  if (!row) {
    await db.insert(c.platformMeta).values({ key: 'master_key_check', value: encrypt(masterKey, KEY_CHECK, 'meta') });
    return;
  }
  let plain = '';
  try {
    plain = decrypt(masterKey, row.value, 'meta');
  } catch {
    plain = '';
  }
  if (plain !== KEY_CHECK) {
    throw new MasterKeyError(
      'The master key does not match the one this catalog was created with. Refusing to start: ' +
        'restore the original FOCUS_MASTER_KEY (or .data/master.key); a new key cannot read existing tenants.',
    );
  }
}

/** Seed the module permission groups and the three default plans; existing rows are kept. */
export async function seedCatalog(db: CentralDb): Promise<void> {
  for (const m of MODULES) {
    await db.insert(c.permissionGroups)
      .values({ key: m, name: m[0]!.toUpperCase() + m.slice(1), module: m })
      .onDuplicateKeyUpdate({ set: { module: m } });
    const [group] = await db.select().from(c.permissionGroups).where(eq(c.permissionGroups.key, m));
    for (const p of PERMISSIONS_BY_MODULE[m]) {
      await db.insert(c.permissionGroupPermissions).ignore().values({ groupId: group!.id, permission: p });
    }
  }
  for (const plan of SEED_PLANS) {
    const existing = await db.select().from(c.plans).where(eq(c.plans.key, plan.key));
    if (existing.length > 0) continue;
    await db.insert(c.plans).values({
      key: plan.key, name: plan.name, pricePaise: plan.priceMonthlyPaise, maxUsers: plan.maxUsers, mailCredits: plan.mailCredits,
    });
    const [row] = await db.select().from(c.plans).where(eq(c.plans.key, plan.key));
    for (const m of plan.modules) {
      const [group] = await db.select().from(c.permissionGroups).where(eq(c.permissionGroups.key, m));
      await db.insert(c.planPermissionGroups).ignore().values({ planId: row!.id, groupId: group!.id });
    }
  }
}

export interface PlanPermissionSet {
  readonly planKey: string;
  readonly planName: string;
  readonly version: number;
  readonly modules: readonly string[];
  readonly permissions: readonly string[];
  /** Limits the tenant enforces itself (seats, bulk-mail credits per month). */
  readonly limits: { readonly maxUsers: number; readonly mailCredits: number };
}

/** A plan's permission set as the central API serves it to tenants. */
export async function loadPlanPermissions(db: CentralDb, planId: number): Promise<PlanPermissionSet | null> {
  const [plan] = await db.select().from(c.plans).where(eq(c.plans.id, planId));
  if (!plan) return null;
  const rows = await db
    .select({ module: c.permissionGroups.module, permission: c.permissionGroupPermissions.permission })
    .from(c.planPermissionGroups)
    .innerJoin(c.permissionGroups, eq(c.permissionGroups.id, c.planPermissionGroups.groupId))
    .innerJoin(c.permissionGroupPermissions, eq(c.permissionGroupPermissions.groupId, c.permissionGroups.id))
    .where(eq(c.planPermissionGroups.planId, planId));
  return {
    planKey: plan.key,
    planName: plan.name,
    version: plan.version,
    modules: [...new Set(rows.map((r) => r.module))].sort(),
    permissions: [...new Set(rows.map((r) => r.permission))].sort(),
    limits: { maxUsers: plan.maxUsers, mailCredits: plan.mailCredits },
  };
}
