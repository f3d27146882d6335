import { eq } from 'drizzle-orm';
import { z } from 'zod';

import { encrypt, generateKey, randomToken, wrapKey } from '../../shared/crypto';
import { appError, err, ok, type AppError, type Result } from '../../shared/errors';
import { newID } from '../../shared/ids';
import { DEFAULT_ROLE_GRANTS, ROLES } from '../../shared/permissions';
import { validateSlug } from '../../shared/slug';
import { hashPassword, passwordProblem } from '../auth/passwords';
import * as c from '../db/central-schema';
import { createPool, ident, runMigrations, tenantDb, TENANT_MIGRATIONS, type Pool } from '../db/connect';
import * as t from '../db/tenant/core';
import { loadPlanPermissions } from '../platform/central';
import type { Platform } from '../platform/platform';
import { applyPlanPermissions } from './plan-permissions';
import { findTenantBySlug, type TenantRecord } from './tenant-record';

export const ProvisionInput = z.object({
  slug: z.string(),
  name: z.string().trim().min(1, 'name is required').max(200),
  plan: z.string().min(1),
  ownerEmail: z.string().trim().toLowerCase().email('owner e-mail is not a valid address'),
  ownerPassword: z.string(),
  ownerName: z.string().trim().min(1).max(200).optional(),
  deviceApproval: z.boolean().default(true),
  dbServer: z.string().default('primary'),
});
export type ProvisionInput = z.input<typeof ProvisionInput>;

export const PROVISION_STEPS = ['database', 'user', 'migrate', 'seed', 'owner'] as const;
export type ProvisionStep = (typeof PROVISION_STEPS)[number];

export interface ProvisionOptions {
  /** Called as each step starts; the admin SPA shows this live. */
  readonly onStep?: (step: ProvisionStep) => void;
  /** Test hook: throw after this step completes, to prove a failure leaves no half tenant. */
  readonly failAfter?: ProvisionStep;
}

export function tenantDbName(prefix: string, slug: string): string {
  return `${prefix}t_${slug.replace(/-/g, '_')}`;
}

/**
 * Create a tenant: catalog row, database, database user, data key, schema, roles, plan
 * permissions and owner. A failure at any step drops what was created and marks the row
 * failed with the reason; calling this again for a failed slug retries from scratch.
 */
export async function provisionTenant(p: Platform, raw: ProvisionInput, opts: ProvisionOptions = {}): Promise<Result<TenantRecord, AppError>> {
  const parsed = ProvisionInput.safeParse(raw);
  if (!parsed.success) return err(appError('validation', parsed.error.issues.map((i) => i.message).join('; ')));
  const input = parsed.data;
  const slug = validateSlug(input.slug);
  if (!slug.ok) return slug;
  const pw = passwordProblem(input.ownerPassword);
  if (pw) return err(appError('validation', `owner password: ${pw}`, { field: 'ownerPassword' }));
  const [plan] = await p.central.select().from(c.plans).where(eq(c.plans.key, input.plan));
  if (!plan) return err(appError('validation', `Unknown plan "${input.plan}"`, { field: 'plan' }));
  const server = p.config.dbServers.find((s) => s.name === input.dbServer);
  const admin = p.adminPools.get(input.dbServer);
  if (!server || !admin) return err(appError('validation', `Unknown database server "${input.dbServer}"`));

  const reserved = await reserveRow(p, { ...input, planId: plan.id, dbHost: new URL(server.url).host });
  if (!reserved.ok) return reserved;
  const row = reserved.value;
  const log = p.logger.child({ tenant: row.slug });
  const step = (s: ProvisionStep) => opts.onStep?.(s);
  const fault = (s: ProvisionStep) => {
    if (opts.failAfter === s) throw new Error(`injected failure after step ${s}`);
  };
  const started = Date.now();
  try {
    step('database');
    await admin.query(`CREATE DATABASE ${ident(row.dbName)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    fault('database');
    step('user');
    const password = await createDbUser(admin, row.dbUser, row.dbName);
    await p.central.update(c.tenants)
      .set({ dbPasswordEnc: encrypt(p.masterKey, password, `tenant-db:${row.slug}`) })
      .where(eq(c.tenants.id, row.id));
    fault('user');
    const pool = createPool({ url: server.url, database: row.dbName, user: row.dbUser, password, connectionLimit: 2 });
    try {
      step('migrate');
      await runMigrations(pool, TENANT_MIGRATIONS);
      fault('migrate');
      step('seed');
      await seedTenant(p, pool, plan.id, input.deviceApproval);
      fault('seed');
      step('owner');
      await createUser(pool, { email: input.ownerEmail, name: input.ownerName ?? input.name, password: input.ownerPassword, roles: ['owner'] });
      fault('owner');
    } finally {
      await pool.end();
    }
    await p.central.update(c.tenants).set({ status: 'active', statusReason: null, updatedAt: new Date() }).where(eq(c.tenants.id, row.id));
    p.tenantCache.invalidate(row.slug);
    log.info({ ms: Date.now() - started }, 'tenant provisioned');
    return ok((await findTenantBySlug(p.central, row.slug))!);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    log.error({ reason }, 'tenant provisioning failed; rolling back');
    await dropTenantStorage(admin, row.dbName, row.dbUser).catch(() => undefined);
    await p.central.update(c.tenants).set({ status: 'failed', statusReason: reason.slice(0, 2000), updatedAt: new Date() }).where(eq(c.tenants.id, row.id));
    p.tenantCache.invalidate(row.slug);
    return err(appError('internal', `Provisioning ${row.slug} failed: ${reason}`));
  }
}

async function reserveRow(p: Platform, input: z.output<typeof ProvisionInput> & { planId: number; dbHost: string }): Promise<Result<TenantRecord, AppError>> {
  const existing = await findTenantBySlug(p.central, input.slug);
  if (existing && existing.status !== 'failed') {
    return err(appError('conflict', `Tenant "${input.slug}" already exists (${existing.status})`));
  }
  const values = {
    slug: input.slug,
    name: input.name,
    status: 'provisioning' as const,
    statusReason: null,
    planId: input.planId,
    dbServer: input.dbServer,
    dbHost: input.dbHost,
    dbName: tenantDbName(p.config.dbPrefix, input.slug),
    dbUser: `${p.config.dbPrefix}${input.slug.replace(/-/g, '_')}`,
    dbPasswordEnc: '',
    dataKeyWrapped: wrapKey(p.masterKey, generateKey(), input.slug),
    ownerEmail: input.ownerEmail,
    deviceApproval: input.deviceApproval,
    updatedAt: new Date(),
  };
  if (existing) {
    await p.central.update(c.tenants).set(values).where(eq(c.tenants.id, existing.id));
  } else {
    try {
      await p.central.insert(c.tenants).values({ id: newID(), ...values });
    } catch (e) {
      if ((e as { cause?: { code?: string } }).cause?.code === 'ER_DUP_ENTRY' || (e as { code?: string }).code === 'ER_DUP_ENTRY') {
        return err(appError('conflict', `Tenant "${input.slug}" already exists`));
      }
      throw e;
    }
  }
  return ok((await findTenantBySlug(p.central, input.slug))!);
}

/** The user may reach its own database and nothing else: no global privileges, no GRANT. */
async function createDbUser(admin: Pool, user: string, dbName: string): Promise<string> {
  const password = randomToken(24);
  await admin.query(`DROP USER IF EXISTS ?@'%'`, [user]);
  await admin.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [user, password]);
  await admin.query(`GRANT ALL PRIVILEGES ON ${ident(dbName)}.* TO ?@'%'`, [user]);
  return password;
}

export async function dropTenantStorage(admin: Pool, dbName: string, dbUser: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS ${ident(dbName)}`);
  await admin.query(`DROP USER IF EXISTS ?@'%'`, [dbUser]);
}

async function seedTenant(p: Platform, pool: Pool, planId: number, deviceApproval: boolean): Promise<void> {
  const db = tenantDb(pool);
  const set = await loadPlanPermissions(p.central, planId);
  if (!set) throw new Error('plan vanished during provisioning');
  await db.transaction(async (tx) => {
    for (const role of ROLES) {
      await tx.insert(t.roles).values({ key: role, name: role.replace('_', ' ') });
      const grants = DEFAULT_ROLE_GRANTS[role].map((permission) => ({ roleKey: role, permission }));
      await tx.insert(t.rolePermissions).values(grants);
    }
    await tx.insert(t.tenantSettings).values({ key: 'device_approval', value: deviceApproval ? 'on' : 'off' });
  });
  await applyPlanPermissions(db, set);
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly roles: readonly string[];
}

export async function createUser(pool: Pool, u: NewUser): Promise<string> {
  const db = tenantDb(pool);
  const id = newID();
  const passwordHash = await hashPassword(u.password);
  await db.transaction(async (tx) => {
    await tx.insert(t.users).values({ id, email: u.email.toLowerCase(), name: u.name, passwordHash });
    if (u.roles.length > 0) await tx.insert(t.userRoles).values(u.roles.map((roleKey) => ({ userId: id, roleKey })));
  });
  return id;
}

/**
 * Delete a tenant and everything it has: database, database user, catalog row.
 * Limitation: attachments in the storage adapter and a Meilisearch index (when configured)
 * are not removed here; neither port has a purge-tenant call yet, so operators clear
 * `<dataDir>/files/<slug>` or the bucket prefix and the index by hand.
 */
export async function deleteTenant(p: Platform, slug: string): Promise<Result<void, AppError>> {
  const row = await findTenantBySlug(p.central, slug);
  if (!row) return err(appError('not_found', `No tenant "${slug}"`));
  const admin = p.adminPools.get(row.dbServer);
  if (!admin) return err(appError('internal', `Unknown database server "${row.dbServer}"`));
  await p.pools.close(slug);
  await dropTenantStorage(admin, row.dbName, row.dbUser);
  await p.central.delete(c.tenants).where(eq(c.tenants.id, row.id));
  p.tenantCache.invalidate(slug);
  await p.bus.publish(slug, { type: 'tenant-status' });
  return ok(undefined);
}

export async function setTenantStatus(p: Platform, slug: string, status: 'active' | 'suspended', reason?: string): Promise<Result<void, AppError>> {
  const row = await findTenantBySlug(p.central, slug);
  if (!row) return err(appError('not_found', `No tenant "${slug}"`));
  if (row.status !== 'active' && row.status !== 'suspended') {
    return err(appError('conflict', `Tenant "${slug}" is ${row.status}; only active and suspended tenants can change status`));
  }
  await p.central.update(c.tenants).set({ status, statusReason: reason ?? null, updatedAt: new Date() }).where(eq(c.tenants.id, row.id));
  p.tenantCache.invalidate(slug);
  if (status === 'suspended') await p.pools.close(slug);
  await p.bus.publish(slug, { type: 'tenant-status' });
  return ok(undefined);
}
