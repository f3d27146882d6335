import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { tenantMigrate } from '../../sync-server/cli/tenant-commands';
import { migrateTenants } from '../../sync-server/tenancy/migrate-all';
import { provisionTenant } from '../../sync-server/tenancy/provision';
import { folderWithExtraMigrations, journalLength } from '../helpers/migrations';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';

const TENANTS = 50;
let t: TestPlatform;
let root: mysql.Connection;
let folder: string;
const slugs = Array.from({ length: TENANTS }, (_, i) => `m${String(i).padStart(2, '0')}`);

beforeAll(async () => {
  t = await createTestPlatform();
  root = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
  for (const slug of slugs) {
    const r = await provisionTenant(t.p, { slug, name: slug, plan: 'starter', ownerEmail: `o@${slug}.test`, ownerPassword: 'a-long-password', deviceApproval: false });
    if (!r.ok) throw r.error;
  }
  folder = folderWithExtraMigrations([['9999_add_probe', 'CREATE TABLE `migration_probe` (`id` int PRIMARY KEY);']]);
}, 300_000);

afterAll(async () => {
  await root.end();
  await t.cleanup();
});

async function hasProbe(slug: string): Promise<boolean> {
  const [rows] = await root.query('SHOW TABLES FROM ?? LIKE ?', [`${t.prefix}t_${slug}`, 'migration_probe']);
  return (rows as unknown[]).length === 1;
}

describe('tenant:migrate --all', () => {
  it('applies a new migration to every tenant, reports the one that fails, and does not stop the rest', async () => {
    // Sabotage one tenant: the table the migration creates is already there.
    await root.query(`CREATE TABLE \`${t.prefix}t_m07\`.migration_probe (other int)`);
    const results = await migrateTenants(t.p, { concurrency: 4, folder });
    expect(results).toHaveLength(TENANTS);
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => r.slug)).toEqual(['m07']);
    expect(failed[0]!.error).toMatch(/already exists/);
    for (const slug of slugs) expect(await hasProbe(slug)).toBe(true);
  });

  it('is idempotent: a second run applies nothing and succeeds for the healthy tenants', async () => {
    await root.query(`DROP TABLE \`${t.prefix}t_m07\`.migration_probe`);
    const first = await migrateTenants(t.p, { concurrency: 8, folder });
    expect(first.every((r) => r.ok)).toBe(true);
    const again = await migrateTenants(t.p, { concurrency: 8, folder });
    expect(again.every((r) => r.ok)).toBe(true);
    const [rows] = await root.query(`SELECT COUNT(*) AS n FROM \`${t.prefix}t_m03\`.__drizzle_migrations`);
    expect((rows as { n: number }[])[0]!.n).toBe(journalLength(folder));
  });

  it('the CLI prints a per-tenant table and rejects bad flags', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    const code = await tenantMigrate.run({ p: t.p, args: { positionals: [], values: { all: true, concurrency: '8' } }, io });
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^tenant\s+result\s+ms\s+error/m);
    expect(text).toMatch(/^m00\s+ok/m);
    expect(text).toContain(`${TENANTS} migrated, 0 failed`);
    await expect(tenantMigrate.run({ p: t.p, args: { positionals: [], values: {} }, io })).rejects.toThrow('name a tenant or pass --all');
    await expect(tenantMigrate.run({ p: t.p, args: { positionals: [], values: { all: true, concurrency: '0' } }, io })).rejects.toThrow('--concurrency');
    expect(await tenantMigrate.run({ p: t.p, args: { positionals: ['nope'], values: {} }, io })).toBe(2);
  });
});
