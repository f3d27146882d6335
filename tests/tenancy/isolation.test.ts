import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import * as c from '../../sync-server/db/central-schema';
import { loadConfig } from '../../sync-server/config';
import { TenantPools } from '../../sync-server/tenancy/pools';
import { setTenantStatus } from '../../sync-server/tenancy/provision';
import { findTenantBySlug } from '../../sync-server/tenancy/tenant-record';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';

// Attacker's view of tenant isolation: every way to reach tenant B from tenant A is refused.
let t: TestPlatform;

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme');
  await t.tenant('globex');
});

afterAll(() => t.cleanup());

async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; errno?: number }> {
  try {
    await promise;
  } catch (e) {
    return e as { code?: string; errno?: number };
  }
  throw new Error('expected the query to fail');
}

describe('database isolation', () => {
  it("T-5: tenant A's database user cannot read tenant B's tables", async () => {
    const acme = t.p.pools.get((await findTenantBySlug(t.p.central, 'acme'))!);
    const globex = (await findTenantBySlug(t.p.central, 'globex'))!;
    const e = await errorOf(acme.pool.query(`SELECT * FROM \`${globex.dbName}\`.users`));
    expect(e.code).toBe('ER_TABLEACCESS_DENIED_ERROR');
  });

  it("T-5: tenant A's database user cannot switch to tenant B's database or the catalog", async () => {
    const acme = t.p.pools.get((await findTenantBySlug(t.p.central, 'acme'))!);
    const globex = (await findTenantBySlug(t.p.central, 'globex'))!;
    expect((await errorOf(acme.pool.query(`USE \`${globex.dbName}\``))).code).toBe('ER_DBACCESS_DENIED_ERROR');
    expect((await errorOf(acme.pool.query(`SELECT * FROM \`${t.prefix}central\`.tenants`))).code).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect((await errorOf(acme.pool.query('SELECT * FROM mysql.user'))).code).toBe('ER_TABLEACCESS_DENIED_ERROR');
  });

  it('T-5: tenant A does not even see the names of other databases', async () => {
    const acme = t.p.pools.get((await findTenantBySlug(t.p.central, 'acme'))!);
    const [rows] = await acme.pool.query('SHOW DATABASES');
    const names = (rows as Record<string, string>[]).map((r) => Object.values(r)[0]);
    expect(names.sort()).toEqual([`${t.prefix}t_acme`, 'information_schema'].sort());
  });

  it('T-5: the tenant context connects as the tenant user, not as root', async () => {
    const acme = t.p.pools.get((await findTenantBySlug(t.p.central, 'acme'))!);
    const [rows] = await acme.pool.query('SELECT CURRENT_USER() AS u, DATABASE() AS d');
    expect(rows).toEqual([{ u: `${t.prefix}acme@%`, d: `${t.prefix}t_acme` }]);
  });

  it('T-6: pools are bounded; the least recently used closes first', async () => {
    const cfg = loadConfig({ ...process.env, FOCUS_DB_PREFIX: t.prefix });
    const pools = new TenantPools({ masterKey: t.p.masterKey, servers: cfg.dbServers, maxPools: 1, connectionsPerPool: 1, idleMs: 60_000 });
    try {
      const acme = pools.get((await findTenantBySlug(t.p.central, 'acme'))!);
      pools.get((await findTenantBySlug(t.p.central, 'globex'))!);
      expect(pools.size).toBe(1);
      await expect(acme.pool.query('SELECT 1')).rejects.toThrow(/closed/i);
    } finally {
      await pools.closeAll();
    }
  });
});

describe('Host resolution', () => {
  const problemOf = async (res: Response) => ({ status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as { code: string } });

  it('T-3: an unknown slug is 404 as a problem document', async () => {
    const r = await problemOf(await t.request('initech.localhost', '/api/me'));
    expect(r).toMatchObject({ status: 404, type: 'application/problem+json', body: { code: 'not_found' } });
  });

  it('T-3: a suspended tenant is 423, even on paths that do not exist', async () => {
    expect((await setTenantStatus(t.p, 'globex', 'suspended')).ok).toBe(true);
    try {
      for (const path of ['/api/me', '/api/sync/pull', '/nothing-here', '/']) {
        const r = await problemOf(await t.request('globex.localhost', path, { method: path === '/api/sync/pull' ? 'POST' : 'GET' }));
        expect(r).toMatchObject({ status: 423, body: { code: 'tenant_suspended' } });
      }
    } finally {
      await setTenantStatus(t.p, 'globex', 'active');
    }
  });

  it('T-3: a tenant still provisioning is 503', async () => {
    const row = (await findTenantBySlug(t.p.central, 'acme'))!;
    await t.p.central.update(c.tenants).set({ status: 'provisioning' }).where(eq(c.tenants.id, row.id));
    t.p.tenantCache.invalidate('acme');
    try {
      const r = await problemOf(await t.request('acme.localhost', '/api/me'));
      expect(r).toMatchObject({ status: 503, body: { code: 'tenant_unavailable' } });
    } finally {
      await t.p.central.update(c.tenants).set({ status: 'active' }).where(eq(c.tenants.id, row.id));
      t.p.tenantCache.invalidate('acme');
    }
  });

  it('T-2: forged hosts that only look like a tenant are refused', async () => {
    for (const host of ['acme.localhost.evil.test', 'x.acme.localhost', 'acme_.localhost', 'evil.test']) {
      const res = await t.request(host, '/api/me');
      expect(res.status, host).toBe(404);
    }
  });

  it('every response carries the security headers', async () => {
    const res = await t.request('acme.localhost', '/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('readyz reports the database and Redis reachable', async () => {
    const res = await t.request('localhost', '/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: true, redis: true } });
  });
});
