import { createHmac } from 'node:crypto';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { stopAdminServices } from '../../sync-server/admin/services';
import { enforceGracePeriod } from '../../sync-server/billing/grace';
import * as cs from '../../sync-server/db/central-schema';
import { planPermissions } from '../../sync-server/db/tenant/core';
import { createLogger } from '../../sync-server/logger';
import { findTenantBySlug } from '../../sync-server/tenancy/tenant-record';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';

// Read when the billing services start, on the first webhook.
const SECRET = 'whsec_test_focus';
process.env.RAZORPAY_WEBHOOK_SECRET = SECRET;
process.env.FOCUS_BILLING_GRACE_DAYS = '7';
delete process.env.RAZORPAY_KEY_ID;
delete process.env.RAZORPAY_KEY_SECRET;

const CUSTOMER_EMAIL = 'priya.customer@example.in';
const logLines: string[] = [];
let t: TestPlatform;
let tenantId: string;
// Event times run ahead of the wall clock, so the webhook's own grace check never fires early.
const T0 = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  t = await createTestPlatform({
    logger: createLogger({
      level: 'info',
      destination: { write: (s: string) => logLines.push(s) },
    }),
  });
  await t.tenant('acme', { plan: 'starter' });
  tenantId = (await findTenantBySlug(t.p.central, 'acme'))!.id;
  await t.p.central
    .update(cs.plans)
    .set({ razorpayPlanId: 'plan_starter' })
    .where(eq(cs.plans.key, 'starter'));
  await t.p.central
    .update(cs.plans)
    .set({ razorpayPlanId: 'plan_growth' })
    .where(eq(cs.plans.key, 'growth'));
  const [starter] = await t.p.central.select().from(cs.plans).where(eq(cs.plans.key, 'starter'));
  await t.p.central.insert(cs.subscriptions).values({
    tenantId,
    provider: 'razorpay',
    externalId: 'sub_acme',
    planId: starter!.id,
    status: 'created',
  });
});
afterAll(async () => {
  stopAdminServices(t.p);
  await t.cleanup();
  delete process.env.RAZORPAY_WEBHOOK_SECRET;
  delete process.env.FOCUS_BILLING_GRACE_DAYS;
});

function event(
  name: string,
  createdAt: number,
  sub: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    entity: 'event',
    account_id: 'acc_test',
    event: name,
    contains: ['subscription'],
    created_at: createdAt,
    payload: {
      subscription: {
        entity: {
          id: 'sub_acme',
          plan_id: 'plan_starter',
          status: 'active',
          customer_email: CUSTOMER_EMAIL,
          ...sub,
        },
      },
      ...extra,
    },
  });
}

const sign = (body: string, secret = SECRET) =>
  createHmac('sha256', secret).update(body).digest('hex');

let seq = 0;
async function deliver(
  body: string,
  opts: { signature?: string | null; eventId?: string | null } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = opts.signature === undefined ? sign(body) : opts.signature;
  const eventId = opts.eventId === undefined ? `evt_${++seq}` : opts.eventId;
  if (signature !== null) headers['x-razorpay-signature'] = signature;
  if (eventId !== null) headers['x-razorpay-event-id'] = eventId;
  const res = await t.request('localhost', '/api/webhooks/razorpay', {
    method: 'POST',
    headers,
    body,
  });
  return { status: res.status, body: (await res.json()) as { status?: string; detail?: string } };
}

async function subscription() {
  const [row] = await t.p.central
    .select()
    .from(cs.subscriptions)
    .where(eq(cs.subscriptions.tenantId, tenantId));
  return row!;
}
async function eventCount(): Promise<number> {
  return (await t.p.central.select().from(cs.webhookEvents)).length;
}
async function tenant() {
  return (await findTenantBySlug(t.p.central, 'acme'))!;
}
async function permissions(): Promise<string[]> {
  return (
    await t.p.pools
      .get(await tenant())
      .db.select()
      .from(planPermissions)
  ).map((r) => r.permission);
}
function refusals(): string[] {
  return logLines.filter((l) => l.includes('razorpay webhook refused'));
}

describe('refused or ignored deliveries change nothing and are logged (docs/billing.md, B-1, B-2)', () => {
  test('B-1: a wrong signature is refused before parsing', async () => {
    const before = await subscription();
    const body = event('subscription.activated', T0, { plan_id: 'plan_growth' });
    expect((await deliver(body, { signature: sign(body, 'not-the-secret') })).status).toBe(401);
    expect((await deliver(body, { signature: null })).status).toBe(401);
    expect(
      (
        await deliver(body, {
          signature: sign(body).replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a')),
        })
      ).status,
    ).toBe(401);
    expect(await subscription()).toEqual(before);
    expect(await eventCount()).toBe(0);
    expect(refusals().filter((l) => l.includes('bad signature'))).toHaveLength(3);
  });

  test('B-1: a malformed body, even correctly signed, is refused', async () => {
    const before = await subscription();
    expect((await deliver('{"entity":"event", nope')).status).toBe(400);
    expect(
      (await deliver(JSON.stringify({ entity: 'event', event: 'subscription.activated' }))).status,
    ).toBe(400);
    expect((await deliver(event('subscription.activated', T0), { eventId: null })).status).toBe(
      400,
    );
    expect(await subscription()).toEqual(before);
    expect(await eventCount()).toBe(0);
    const lines = refusals();
    expect(lines.some((l) => l.includes('body is not JSON'))).toBe(true);
    expect(lines.some((l) => l.includes('unexpected body'))).toBe(true);
    expect(lines.some((l) => l.includes('missing event id'))).toBe(true);
  });

  test('B-1: no personal field of a body reaches the log', () => {
    expect(logLines.join('\n')).not.toContain(CUSTOMER_EMAIL);
  });
});

describe('signed events (docs/billing.md, B-2..B-6)', () => {
  test('B-5: activation on another plan switches the tenant and its permissions', async () => {
    expect(await permissions()).not.toContain('campaigns.send');
    const r = await deliver(
      event('subscription.activated', T0, {
        plan_id: 'plan_growth',
        current_end: T0 + 30 * 86_400,
      }),
      { eventId: 'evt_activated' },
    );
    expect(r).toEqual({ status: 200, body: { status: 'applied' } });
    const sub = await subscription();
    expect(sub.status).toBe('active');
    expect(sub.currentPeriodEnd?.getTime()).toBe((T0 + 30 * 86_400) * 1000);
    const [growth] = await t.p.central.select().from(cs.plans).where(eq(cs.plans.key, 'growth'));
    expect((await tenant()).planId).toBe(growth!.id);
    expect(await permissions()).toContain('campaigns.send');
    expect(await permissions()).not.toContain('production.write');

    const audit = await t.p.central
      .select()
      .from(cs.auditLog)
      .where(eq(cs.auditLog.target, 'tenant:acme'));
    const billing = audit.find((a) => a.action === 'billing.subscription.activated');
    expect(JSON.parse(billing!.before!)).toMatchObject({ status: 'created' });
    expect(JSON.parse(billing!.after!)).toMatchObject({
      status: 'active',
      eventId: 'evt_activated',
    });
    expect(billing?.adminId).toBeNull();
    expect(audit.some((a) => a.action === 'tenant.plan')).toBe(true);
  });

  test('B-2: a replayed event id is acknowledged and changes nothing', async () => {
    const before = await subscription();
    const replay = event('subscription.charged', T0 + 100, {
      plan_id: 'plan_growth',
      current_end: T0 + 90 * 86_400,
    });
    const r = await deliver(replay, { eventId: 'evt_activated' });
    expect(r).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(await subscription()).toEqual(before);
    expect(logLines.some((l) => l.includes('"outcome":"duplicate"'))).toBe(true);
  });

  test('B-3: charged extends the period; an older event arriving late is stale', async () => {
    const charged = await deliver(
      event('subscription.charged', T0 + 30 * 86_400, {
        plan_id: 'plan_growth',
        current_end: T0 + 60 * 86_400,
      }),
    );
    expect(charged.body.status).toBe('applied');
    expect((await subscription()).currentPeriodEnd?.getTime()).toBe((T0 + 60 * 86_400) * 1000);

    // Razorpay retried an earlier `pending` and a first-cycle `charged`: neither may undo the above.
    const before = await subscription();
    expect(
      (await deliver(event('subscription.pending', T0 + 10 * 86_400, { status: 'pending' }))).body
        .status,
    ).toBe('stale');
    expect(
      (await deliver(event('subscription.activated', T0 + 5, { plan_id: 'plan_starter' }))).body
        .status,
    ).toBe('stale');
    expect(await subscription()).toEqual(before);
    expect((await tenant()).planId).toBe(before.planId);
  });

  test('B-4: payment.failed records the reason; pending marks the subscription', async () => {
    const failed = await deliver(
      event(
        'payment.failed',
        T0 + 61 * 86_400,
        {},
        {
          payment: {
            entity: {
              id: 'pay_1',
              subscription_id: 'sub_acme',
              error_code: 'BAD_REQUEST_ERROR',
              error_description: 'Card declined',
              email: CUSTOMER_EMAIL,
            },
          },
        },
      ),
    );
    expect(failed.body.status).toBe('applied');
    expect((await subscription()).lastPaymentError).toBe('BAD_REQUEST_ERROR: Card declined');
    expect(
      (await deliver(event('subscription.pending', T0 + 61 * 86_400 + 1, { status: 'pending' })))
        .body.status,
    ).toBe('applied');
    expect((await subscription()).status).toBe('pending');
  });

  test('B-6: halted suspends the tenant only after the grace period; a charge lets it back in', async () => {
    const haltedAt = T0 + 62 * 86_400;
    expect(
      (await deliver(event('subscription.halted', haltedAt, { status: 'halted' }))).body.status,
    ).toBe('applied');
    expect((await subscription()).haltedAt?.getTime()).toBe(haltedAt * 1000);
    expect((await tenant()).status).toBe('active');

    expect(
      await enforceGracePeriod(t.p, {
        now: new Date((haltedAt + 6 * 86_400) * 1000),
        graceDays: 7,
      }),
    ).toEqual([]);
    expect((await tenant()).status).toBe('active');
    expect(
      await enforceGracePeriod(t.p, {
        now: new Date((haltedAt + 8 * 86_400) * 1000),
        graceDays: 7,
      }),
    ).toEqual(['acme']);
    expect((await tenant()).status).toBe('suspended');
    expect((await t.request('acme.localhost', '/api/me')).status).toBe(423);

    const paid = await deliver(
      event('subscription.charged', haltedAt + 9 * 86_400, {
        plan_id: 'plan_growth',
        current_end: haltedAt + 39 * 86_400,
      }),
    );
    expect(paid.body.status).toBe('applied');
    expect((await tenant()).status).toBe('active');
    expect((await subscription()).haltedAt).toBeNull();
  });

  test('B-6: cancelled is recorded; unknown subscriptions and events are acknowledged and ignored', async () => {
    expect(
      (await deliver(event('subscription.cancelled', T0 + 200 * 86_400, { status: 'cancelled' })))
        .body.status,
    ).toBe('applied');
    expect((await subscription()).status).toBe('cancelled');
    expect(
      (
        await deliver(
          event('subscription.activated', T0 + 201 * 86_400, { id: 'sub_someone_else' }),
        )
      ).body.status,
    ).toBe('ignored');
    expect((await deliver(event('order.paid', T0 + 202 * 86_400))).body.status).toBe('ignored');
  });

  test('the webhook answers only on the central host', async () => {
    const body = event('subscription.activated', T0);
    const res = await t.request('admin.localhost', '/api/webhooks/razorpay', {
      method: 'POST',
      headers: { 'x-razorpay-signature': sign(body), 'x-razorpay-event-id': 'evt_admin_host' },
      body,
    });
    expect(res.status).toBe(404);
  });
});
