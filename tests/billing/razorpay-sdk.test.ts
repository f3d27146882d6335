import { createHmac } from 'node:crypto';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { stopAdminServices } from '../../sync-server/admin/services';
import { RazorpayAdapter } from '../../sync-server/billing/razorpay';
import * as cs from '../../sync-server/db/central-schema';
import { planPermissions } from '../../sync-server/db/tenant/core';
import { createUser } from '../../sync-server/tenancy/provision';
import { findTenantBySlug } from '../../sync-server/tenancy/tenant-record';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';
import { adminClient, adminLogin, makeAdmin } from '../admin/admin-helpers';
import { startFakeRazorpay, type FakeRazorpay } from './fake-razorpay';

const KEY_ID = 'rzp_test_focus';
const KEY_SECRET = 'rzp_secret_focus';
const WEBHOOK_SECRET = 'whsec_sdk_test';
const basic = `Basic ${Buffer.from(`${KEY_ID}:${KEY_SECRET}`).toString('base64')}`;

let fake: FakeRazorpay;
let t: TestPlatform;
let acme: TestTenant;
let api: ReturnType<typeof adminClient>;

beforeAll(async () => {
  fake = await startFakeRazorpay(KEY_ID, KEY_SECRET);
  // Read when the billing services start, on the first request that needs them.
  Object.assign(process.env, {
    RAZORPAY_KEY_ID: KEY_ID,
    RAZORPAY_KEY_SECRET: KEY_SECRET,
    RAZORPAY_BASE_URL: fake.url,
    RAZORPAY_WEBHOOK_SECRET: WEBHOOK_SECRET,
  });
  t = await createTestPlatform();
  acme = await t.tenant('acme', { plan: 'starter' });
  api = adminClient(t, await adminLogin(t, await makeAdmin(t)));
});
afterAll(async () => {
  stopAdminServices(t.p);
  await t.cleanup();
  await fake.close();
  for (const k of [
    'RAZORPAY_KEY_ID',
    'RAZORPAY_KEY_SECRET',
    'RAZORPAY_BASE_URL',
    'RAZORPAY_WEBHOOK_SECRET',
  ])
    delete process.env[k];
});

const since = (from: number) => fake.requests.slice(from).map((r) => `${r.method} ${r.path}`);

describe('the Razorpay SDK against a local API (docs/billing.md, B-7)', () => {
  test('B-7: every call goes to the overridden base URL with basic auth and the documented bodies', async () => {
    const rz = new RazorpayAdapter({ keyId: KEY_ID, keySecret: KEY_SECRET, baseUrl: fake.url });
    const from = fake.requests.length;
    const planId = await rz.createPlan({
      key: 'growth',
      name: 'Growth',
      pricePaise: 299_900,
      billingPeriod: 'monthly',
    });
    const sub = await rz.createSubscription({
      tenantSlug: 'acme',
      providerPlanId: planId,
      billingPeriod: 'monthly',
    });
    expect(sub).toMatchObject({
      status: 'created',
      providerPlanId: planId,
      shortUrl: expect.stringMatching(/^https:\/\/rzp\.io\//),
    });
    expect((await rz.fetchSubscription(sub.id)).id).toBe(sub.id);
    const other = await rz.createPlan({
      key: 'enterprise',
      name: 'Enterprise',
      pricePaise: 999_900,
      billingPeriod: 'yearly',
    });
    expect((await rz.changePlan(sub.id, other)).providerPlanId).toBe(other);
    expect((await rz.cancel(sub.id)).status).toBe('cancelled');

    const calls = fake.requests.slice(from);
    expect(since(from)).toEqual([
      'POST /v1/plans',
      'POST /v1/subscriptions',
      `GET /v1/subscriptions/${sub.id}`,
      'POST /v1/plans',
      `PATCH /v1/subscriptions/${sub.id}`,
      `POST /v1/subscriptions/${sub.id}/cancel`,
    ]);
    expect(calls.every((c) => c.authorization === basic)).toBe(true);
    expect(calls[0]?.body).toEqual({
      period: 'monthly',
      interval: 1,
      item: { name: 'Growth', amount: 299_900, currency: 'INR' },
      notes: { focus_plan: 'growth' },
    });
    expect(calls[1]?.body).toEqual({
      plan_id: planId,
      total_count: 120,
      quantity: 1,
      customer_notify: 1,
      notes: { focus_tenant: 'acme' },
    });
    expect(calls[3]?.body).toMatchObject({ period: 'yearly' });
    expect(calls[4]?.body).toEqual({
      plan_id: other,
      schedule_change_at: 'now',
      customer_notify: 1,
    });
  });

  test("B-7: a refused key surfaces as an error with Razorpay's description, not a crash", async () => {
    const rz = new RazorpayAdapter({ keyId: KEY_ID, keySecret: 'wrong', baseUrl: fake.url });
    await expect(
      rz.createPlan({ key: 'x', name: 'X', pricePaise: 100, billingPeriod: 'monthly' }),
    ).rejects.toThrow(/401: Authentication failed/);
  });
});

describe('subscriptions from the console (docs/billing.md, B-5, B-8)', () => {
  let subId = '';

  test('creating one makes the provider plan once and waits for activation to switch plans', async () => {
    const from = fake.requests.length;
    const r = await api<{ subscription: { externalId: string; status: string; shortUrl: string } }>(
      'POST',
      '/api/admin/tenants/acme/subscription',
      { plan: 'growth' },
    );
    expect(r.status).toBe(200);
    subId = r.body.subscription.externalId;
    expect(r.body.subscription.status).toBe('created');
    expect(since(from)).toEqual(['POST /v1/plans', 'POST /v1/subscriptions']);
    const [growth] = await t.p.central.select().from(cs.plans).where(eq(cs.plans.key, 'growth'));
    expect(growth?.razorpayPlanId).toMatch(/^plan_/);
    const [starter] = await t.p.central.select().from(cs.plans).where(eq(cs.plans.key, 'starter'));
    expect((await findTenantBySlug(t.p.central, 'acme'))?.planId).toBe(starter!.id);

    fake.activate(subId);
    const body = JSON.stringify({
      entity: 'event',
      event: 'subscription.activated',
      created_at: Math.floor(Date.now() / 1000),
      payload: {
        subscription: {
          entity: {
            id: subId,
            plan_id: growth!.razorpayPlanId,
            status: 'active',
            current_end: null,
          },
        },
      },
    });
    const hook = await t.request('localhost', '/api/webhooks/razorpay', {
      method: 'POST',
      body,
      headers: {
        'x-razorpay-signature': createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex'),
        'x-razorpay-event-id': 'evt_sdk_1',
      },
    });
    expect(hook.status).toBe(200);
    expect((await findTenantBySlug(t.p.central, 'acme'))?.planId).toBe(growth!.id);
  });

  test('upgrade patches the subscription and switches permissions now; cancel calls cancel', async () => {
    const from = fake.requests.length;
    const up = await api<{ subscription: { plan: { key: string } } }>(
      'PUT',
      '/api/admin/tenants/acme/subscription',
      { plan: 'enterprise' },
    );
    expect(up.status).toBe(200);
    expect(up.body.subscription.plan.key).toBe('enterprise');
    expect(since(from)).toEqual(['POST /v1/plans', `PATCH /v1/subscriptions/${subId}`]);
    const tenant = (await findTenantBySlug(t.p.central, 'acme'))!;
    const perms = (await t.p.pools.get(tenant).db.select().from(planPermissions)).map(
      (r) => r.permission,
    );
    expect(perms).toContain('production.write');

    const list = await api<{
      provider: string;
      subscriptions: { tenant: string; status: string }[];
    }>('GET', '/api/admin/subscriptions');
    expect(list.body.provider).toBe('razorpay');
    expect(list.body.subscriptions).toEqual([
      expect.objectContaining({ tenant: 'acme', status: 'active' }),
    ]);

    const cancel = await api<{ subscription: { status: string } }>(
      'POST',
      '/api/admin/tenants/acme/subscription/cancel',
    );
    expect(cancel.body.subscription.status).toBe('cancelled');
    expect(since(from).at(-1)).toBe(`POST /v1/subscriptions/${subId}/cancel`);
    const audit = await api<{ entries: { action: string }[] }>(
      'GET',
      '/api/admin/audit?action=subscription.&target=tenant:acme',
    );
    expect(audit.body.entries.map((e) => e.action)).toEqual([
      'subscription.cancel',
      'subscription.change_plan',
      'subscription.create',
    ]);
  });

  test('B-8: the tenant owner sees the subscription; a user without settings.manage does not', async () => {
    const login = async (email: string, password: string) => {
      const res = await t.request(acme.host, '/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      return ((await res.json()) as { token: string }).token;
    };
    const owner = await login(acme.ownerEmail, acme.ownerPassword);
    const mine = await t.request(acme.host, '/api/billing/subscription', {
      headers: { authorization: `Bearer ${owner}` },
    });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({
      plan: { key: 'enterprise' },
      subscription: { status: 'cancelled', provider: 'razorpay' },
    });

    const tenant = (await findTenantBySlug(t.p.central, 'acme'))!;
    await createUser(t.p.pools.get(tenant).pool, {
      email: 'rep@acme.test',
      name: 'Rep',
      password: 'rep-password-123',
      roles: ['sales_rep'],
    });
    const rep = await login('rep@acme.test', 'rep-password-123');
    const denied = await t.request(acme.host, '/api/billing/subscription', {
      headers: { authorization: `Bearer ${rep}` },
    });
    expect(denied.status).toBe(403);
  });
});
