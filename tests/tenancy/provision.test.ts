import { eq } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { unwrapKey } from '../../shared/crypto';
import * as c from '../../sync-server/db/central-schema';
import { provisionTenant, deleteTenant } from '../../sync-server/tenancy/provision';
import { findTenantBySlug } from '../../sync-server/tenancy/tenant-record';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';

let t: TestPlatform;
let root: mysql.Connection;

beforeAll(async () => {
  t = await createTestPlatform();
  root = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
});

afterAll(async () => {
  await root.end();
  await t.cleanup();
});

const input = (slug: string) => ({
  slug, name: `${slug} Pvt Ltd`, plan: 'growth', ownerEmail: `Owner@${slug}.test`, ownerPassword: 'a-long-password',
});

async function databaseExists(name: string): Promise<boolean> {
  const [rows] = await root.query('SHOW DATABASES LIKE ?', [name]);
  return (rows as unknown[]).length === 1;
}

async function userExists(name: string): Promise<boolean> {
  const [rows] = await root.query('SELECT 1 FROM mysql.user WHERE user = ?', [name]);
  return (rows as unknown[]).length === 1;
}

describe('tenant provisioning', () => {
  it('T-4: creates the database, a user limited to it, a wrapped data key, roles, plan and owner', async () => {
    const r = await provisionTenant(t.p, input('alpha'));
    expect(r.ok).toBe(true);
    const row = (await findTenantBySlug(t.p.central, 'alpha'))!;
    expect(row.status).toBe('active');
    expect(row.dbName).toBe(`${t.prefix}t_alpha`);
    expect(await databaseExists(row.dbName)).toBe(true);
    expect(await userExists(row.dbUser)).toBe(true);

    const [grants] = await root.query(`SHOW GRANTS FOR ?@'%'`, [row.dbUser]);
    const text = (grants as Record<string, string>[]).map((g) => Object.values(g)[0]).join('\n');
    expect(text).toContain(`ON \`${row.dbName}\`.*`);
    expect(text).not.toMatch(/ON \*\.\*.*(SELECT|ALL)/);
    expect(text).not.toContain('WITH GRANT OPTION');

    expect(unwrapKey(t.masterKeyB64 ? Buffer.from(t.masterKeyB64, 'base64') : Buffer.alloc(0), row.dataKeyWrapped, 'alpha')).toHaveLength(32);
    expect(() => unwrapKey(Buffer.from(t.masterKeyB64, 'base64'), row.dataKeyWrapped, 'beta')).toThrow();

    const [owners] = await root.query(
      `SELECT u.email, ur.role_key FROM \`${row.dbName}\`.users u JOIN \`${row.dbName}\`.user_roles ur ON ur.user_id = u.id`,
    );
    expect(owners).toEqual([{ email: 'owner@alpha.test', role_key: 'owner' }]);
    const [perms] = await root.query(`SELECT DISTINCT module FROM \`${row.dbName}\`.plan_permissions ORDER BY module`);
    expect((perms as { module: string }[]).map((p) => p.module)).toEqual(['accounting', 'campaigns', 'crm', 'tasks']);
    const [roles] = await root.query(`SELECT \`key\` FROM \`${row.dbName}\`.roles ORDER BY \`key\``);
    expect((roles as { key: string }[]).map((x) => x.key)).toEqual(['accountant', 'manager', 'owner', 'production', 'sales_rep']);
  });

  it('T-4: a failure injected after the database is created leaves no half tenant, and a retry succeeds', async () => {
    const failed = await provisionTenant(t.p, input('bravo'), { failAfter: 'database' });
    expect(failed.ok).toBe(false);
    const row = (await findTenantBySlug(t.p.central, 'bravo'))!;
    expect(row.status).toBe('failed');
    expect(row.statusReason).toContain('injected failure after step database');
    expect(await databaseExists(row.dbName)).toBe(false);
    expect(await userExists(row.dbUser)).toBe(false);

    const res = await t.request('bravo.localhost', '/api/me');
    expect(res.status).toBe(503);

    const retry = await provisionTenant(t.p, input('bravo'));
    expect(retry.ok).toBe(true);
    expect((await findTenantBySlug(t.p.central, 'bravo'))!.status).toBe('active');
    expect(await databaseExists(row.dbName)).toBe(true);
  });

  it.each(['user', 'migrate', 'seed', 'owner'] as const)('T-4: a failure after step %s is rolled back too', async (step) => {
    const slug = `fail-${step}`;
    const r = await provisionTenant(t.p, input(slug), { failAfter: step });
    expect(r.ok).toBe(false);
    const row = (await findTenantBySlug(t.p.central, slug))!;
    expect(row.status).toBe('failed');
    expect(await databaseExists(row.dbName)).toBe(false);
    expect(await userExists(row.dbUser)).toBe(false);
    expect((await deleteTenant(t.p, slug)).ok).toBe(true);
    expect(await findTenantBySlug(t.p.central, slug)).toBeNull();
  });

  it('refuses bad input with clear errors and writes nothing', async () => {
    const cases = [
      [{ ...input('charlie'), slug: 'www' }, 'reserved'],
      [{ ...input('charlie'), slug: 'Bad_Slug' }, 'slug'],
      [{ ...input('charlie'), plan: 'platinum' }, 'Unknown plan'],
      [{ ...input('charlie'), ownerEmail: 'not-an-email' }, 'e-mail'],
      [{ ...input('charlie'), ownerPassword: 'short' }, 'password'],
    ] as const;
    for (const [bad, message] of cases) {
      const r = await provisionTenant(t.p, bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('validation');
        expect(r.error.message).toContain(message);
      }
    }
    expect(await t.p.central.select().from(c.tenants).where(eq(c.tenants.slug, 'charlie'))).toEqual([]);
  });

  it('refuses a duplicate slug with a conflict', async () => {
    const r = await provisionTenant(t.p, input('alpha'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('conflict');
  });

  it('T-4: deleting drops the database, the user and the catalog row', async () => {
    await provisionTenant(t.p, input('delta'));
    const row = (await findTenantBySlug(t.p.central, 'delta'))!;
    expect((await deleteTenant(t.p, 'delta')).ok).toBe(true);
    expect(await databaseExists(row.dbName)).toBe(false);
    expect(await userExists(row.dbUser)).toBe(false);
    expect((await t.request('delta.localhost', '/api/me')).status).toBe(404);
  });
});
