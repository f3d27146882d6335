import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { stopAdminServices } from '../../sync-server/admin/services';
import { enforceGracePeriod } from '../../sync-server/billing/grace';
import * as cs from '../../sync-server/db/central-schema';
import { planPermissions } from '../../sync-server/db/tenant/core';
import { findTenantBySlug } from '../../sync-server/tenancy/tenant-record';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import { adminClient, adminLogin, makeAdmin } from '../admin/admin-helpers';

// No Razorpay keys: the manual (invoice-only) adapter is the one in use.
delete process.env.RAZORPAY_KEY_ID;
delete process.env.RAZORPAY_KEY_SECRET;

let t: TestPlatform;
let api: ReturnType<typeof adminClient>;

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme', { plan: 'starter' });
  api = adminClient(t, await adminLogin(t, await makeAdmin(t)));
});
afterAll(async () => {
  stopAdminServices(t.p);
  await t.cleanup();
});

async function permissions(): Promise<string[]> {
  const tenant = (await findTenantBySlug(t.p.central, 'acme'))!;
  return (await t.p.pools.get(tenant).db.select().from(planPermissions)).map((r) => r.permission);
}

describe('billing without a payment account (docs/billing.md, B-9)', () => {
  test('B-9: a manual subscription is active at once and switches the plan; no outbound call is needed', async () => {
    const r = await api<{
      subscription: {
        provider: string;
        status: string;
        plan: { key: string };
        currentPeriodEnd: string;
      };
    }>('POST', '/api/admin/tenants/acme/subscription', { plan: 'growth' });
    expect(r.status).toBe(200);
    expect(r.body.subscription).toMatchObject({
      provider: 'manual',
      status: 'active',
      plan: { key: 'growth' },
    });
    expect(new Date(r.body.subscription.currentPeriodEnd).getTime()).toBeGreaterThan(Date.now());
    expect(await permissions()).toContain('invoices.post');
    const again = await api('POST', '/api/admin/tenants/acme/subscription', { plan: 'growth' });
    expect(again.status).toBe(409);
  });

  test('B-9: change plan and cancel; past the paid period plus grace the tenant is suspended', async () => {
    const up = await api<{ subscription: { plan: { key: string } } }>(
      'PUT',
      '/api/admin/tenants/acme/subscription',
      { plan: 'enterprise' },
    );
    expect(up.body.subscription.plan.key).toBe('enterprise');
    expect(await permissions()).toContain('production.write');
    const cancelled = await api<{ subscription: { status: string } }>(
      'POST',
      '/api/admin/tenants/acme/subscription/cancel',
    );
    expect(cancelled.body.subscription.status).toBe('cancelled');

    const tenant = (await findTenantBySlug(t.p.central, 'acme'))!;
    const [sub] = await t.p.central
      .select()
      .from(cs.subscriptions)
      .where(eq(cs.subscriptions.tenantId, tenant.id));
    const paidUntil = sub!.currentPeriodEnd!.getTime();
    expect(
      await enforceGracePeriod(t.p, { now: new Date(paidUntil + 86_400_000), graceDays: 7 }),
    ).toEqual([]);
    expect(
      await enforceGracePeriod(t.p, { now: new Date(paidUntil + 8 * 86_400_000), graceDays: 7 }),
    ).toEqual(['acme']);
    expect((await findTenantBySlug(t.p.central, 'acme'))?.status).toBe('suspended');
    const audit = await api<{ entries: { adminEmail: string | null; after: unknown }[] }>(
      'GET',
      '/api/admin/audit?action=tenant.suspend',
    );
    expect(audit.body.entries[0]).toMatchObject({
      adminEmail: null,
      after: { status: 'suspended' },
    });
  });
});
