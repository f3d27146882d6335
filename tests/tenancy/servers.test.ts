import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { provisionTenant } from '../../sync-server/tenancy/provision';
import { findTenantBySlug } from '../../sync-server/tenancy/tenant-record';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';

// A second "server" here is the same MariaDB reached under another name: what the test checks
// is that the catalog keeps each tenant's server and that pools follow it.
let t: TestPlatform;

beforeAll(async () => {
  t = await createTestPlatform({ env: { FOCUS_DB_SERVERS: 'eu-2=mysql://root@127.0.0.1:3306' } });
});

afterAll(() => t.cleanup());

describe('tenants spread over database servers', () => {
  it('T-17: the catalog stores the server per tenant and the tenant pool connects to it', async () => {
    const base = { name: 'X', plan: 'starter', ownerEmail: 'o@x.test', ownerPassword: 'a-long-password' };
    expect((await provisionTenant(t.p, { ...base, slug: 'on-primary' })).ok).toBe(true);
    expect((await provisionTenant(t.p, { ...base, slug: 'on-second', dbServer: 'eu-2' })).ok).toBe(true);
    const second = (await findTenantBySlug(t.p.central, 'on-second'))!;
    expect(second.dbServer).toBe('eu-2');
    expect(second.dbHost).toBe('127.0.0.1:3306');
    expect((await findTenantBySlug(t.p.central, 'on-primary'))!.dbServer).toBe('primary');
    const [rows] = await t.p.pools.get(second).pool.query('SELECT DATABASE() AS d');
    expect(rows).toEqual([{ d: `${t.prefix}t_on_second` }]);
  });

  it('refuses an unknown server name', async () => {
    const r = await provisionTenant(t.p, { slug: 'nowhere', name: 'X', plan: 'starter', ownerEmail: 'o@x.test', ownerPassword: 'a-long-password', dbServer: 'mars-1' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('Unknown database server');
    expect(await findTenantBySlug(t.p.central, 'nowhere')).toBeNull();
  });
});
