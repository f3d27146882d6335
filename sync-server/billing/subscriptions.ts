import { eq } from 'drizzle-orm';

import type { SubscriptionView } from '../../shared/api/billing';
import { appError, err, ok, type AppError, type Result } from '../../shared/errors';
import { writeAudit, type AuditActor } from '../admin/audit';
import type { PermissionPusher } from '../admin/permission-push';
import { switchTenantPlan } from '../admin/tenant-plan';
import * as cs from '../db/central-schema';
import type { Platform } from '../platform/platform';
import { findTenantBySlug } from '../tenancy/tenant-record';
import type { BillingAdapter } from './adapter';

export type SubscriptionRow = typeof cs.subscriptions.$inferSelect;
type PlanRow = typeof cs.plans.$inferSelect;

export interface BillingDeps {
  readonly adapter: BillingAdapter;
  readonly pusher: PermissionPusher;
}

const fromUnix = (s: number | null): Date | null => (s === null ? null : new Date(s * 1000));

export async function listSubscriptions(
  p: Platform,
  tenantId?: string,
): Promise<SubscriptionView[]> {
  const q = p.central
    .select({ s: cs.subscriptions, slug: cs.tenants.slug, plan: cs.plans })
    .from(cs.subscriptions)
    .innerJoin(cs.tenants, eq(cs.tenants.id, cs.subscriptions.tenantId))
    .innerJoin(cs.plans, eq(cs.plans.id, cs.subscriptions.planId));
  const rows = tenantId
    ? await q.where(eq(cs.subscriptions.tenantId, tenantId))
    : await q.orderBy(cs.tenants.slug);
  return rows.map(({ s, slug, plan }) => ({
    tenant: slug,
    provider: s.provider,
    externalId: s.externalId,
    plan: { id: plan.id, key: plan.key, name: plan.name },
    status: s.status,
    currentPeriodEnd: s.currentPeriodEnd?.toISOString() ?? null,
    haltedAt: s.haltedAt?.toISOString() ?? null,
    lastPaymentError: s.lastPaymentError,
    updatedAt: s.updatedAt.toISOString(),
  }));
}

/** The provider's plan id for one of our plans, creating (and remembering) it when needed. */
async function providerPlanId(
  p: Platform,
  adapter: BillingAdapter,
  plan: PlanRow,
): Promise<string | null> {
  if (!adapter.needsProviderPlans) return null;
  if (plan.razorpayPlanId) return plan.razorpayPlanId;
  const id = await adapter.createPlan(plan);
  await p.central.update(cs.plans).set({ razorpayPlanId: id }).where(eq(cs.plans.id, plan.id));
  return id;
}

async function planByKey(p: Platform, key: string): Promise<PlanRow | null> {
  return (await p.central.select().from(cs.plans).where(eq(cs.plans.key, key)))[0] ?? null;
}

/**
 * Subscribe a tenant to a plan. With Razorpay the plan switches when the subscription is
 * activated (webhook); the manual adapter is active at once, so it switches now.
 */
export async function createSubscription(
  p: Platform,
  deps: BillingDeps,
  actor: AuditActor,
  input: { readonly slug: string; readonly plan: string },
): Promise<Result<SubscriptionView & { shortUrl: string | null }, AppError>> {
  const tenant = await findTenantBySlug(p.central, input.slug);
  if (!tenant) return err(appError('not_found', `No tenant "${input.slug}"`));
  const plan = await planByKey(p, input.plan);
  if (!plan) return err(appError('validation', `Unknown plan "${input.plan}"`));
  const [existing] = await p.central
    .select()
    .from(cs.subscriptions)
    .where(eq(cs.subscriptions.tenantId, tenant.id));
  if (existing && !['cancelled', 'completed', 'expired'].includes(existing.status)) {
    return err(
      appError(
        'conflict',
        `Tenant "${tenant.slug}" already has a ${existing.status} subscription; change its plan instead`,
      ),
    );
  }

  const sub = await deps.adapter.createSubscription({
    tenantSlug: tenant.slug,
    providerPlanId: await providerPlanId(p, deps.adapter, plan),
    billingPeriod: plan.billingPeriod,
  });
  const row = {
    provider: deps.adapter.provider,
    externalId: sub.id,
    planId: plan.id,
    status: sub.status,
    currentPeriodEnd: fromUnix(sub.currentEnd),
    haltedAt: null,
    lastEventAt: 0,
    lastPaymentError: null,
    updatedAt: p.now(),
  };
  await p.central
    .insert(cs.subscriptions)
    .values({ tenantId: tenant.id, ...row })
    .onDuplicateKeyUpdate({ set: row });
  await writeAudit(p, actor, {
    action: 'subscription.create',
    target: `tenant:${tenant.slug}`,
    before: existing ? { externalId: existing.externalId, status: existing.status } : null,
    after: { provider: row.provider, externalId: sub.id, plan: plan.key, status: sub.status },
  });
  if (sub.status === 'active') {
    const switched = await switchTenantPlan(p, deps.pusher, actor, {
      slug: tenant.slug,
      planId: plan.id,
      reason: 'subscription created',
    });
    if (!switched.ok) return switched;
  }
  const [view] = await listSubscriptions(p, tenant.id);
  return ok({ ...view!, shortUrl: sub.shortUrl });
}

/** Upgrade or downgrade now; the provider confirms, then the tenant's permissions follow. */
export async function changeSubscriptionPlan(
  p: Platform,
  deps: BillingDeps,
  actor: AuditActor,
  input: { readonly slug: string; readonly plan: string },
): Promise<Result<SubscriptionView, AppError>> {
  const tenant = await findTenantBySlug(p.central, input.slug);
  if (!tenant) return err(appError('not_found', `No tenant "${input.slug}"`));
  const plan = await planByKey(p, input.plan);
  if (!plan) return err(appError('validation', `Unknown plan "${input.plan}"`));
  const [sub] = await p.central
    .select()
    .from(cs.subscriptions)
    .where(eq(cs.subscriptions.tenantId, tenant.id));
  if (!sub || !['active', 'authenticated', 'pending'].includes(sub.status)) {
    return err(
      appError('conflict', `Tenant "${tenant.slug}" has no subscription that can change plan`),
    );
  }

  const changed = await deps.adapter.changePlan(
    sub.externalId,
    await providerPlanId(p, deps.adapter, plan),
  );
  // Events created before this confirmed change are stale from now on.
  const nowSec = Math.floor(p.now().getTime() / 1000);
  await p.central
    .update(cs.subscriptions)
    .set({
      planId: plan.id,
      status: changed.status,
      lastEventAt: Math.max(sub.lastEventAt, nowSec),
      updatedAt: p.now(),
    })
    .where(eq(cs.subscriptions.tenantId, tenant.id));
  await writeAudit(p, actor, {
    action: 'subscription.change_plan',
    target: `tenant:${tenant.slug}`,
    before: { planId: sub.planId, status: sub.status },
    after: { plan: plan.key, status: changed.status },
  });
  const switched = await switchTenantPlan(p, deps.pusher, actor, {
    slug: tenant.slug,
    planId: plan.id,
    reason: 'subscription plan change',
  });
  if (!switched.ok) return switched;
  return ok((await listSubscriptions(p, tenant.id))[0]!);
}

export async function cancelSubscription(
  p: Platform,
  deps: BillingDeps,
  actor: AuditActor,
  slug: string,
): Promise<Result<SubscriptionView, AppError>> {
  const tenant = await findTenantBySlug(p.central, slug);
  if (!tenant) return err(appError('not_found', `No tenant "${slug}"`));
  const [sub] = await p.central
    .select()
    .from(cs.subscriptions)
    .where(eq(cs.subscriptions.tenantId, tenant.id));
  if (!sub || sub.status === 'cancelled')
    return err(appError('conflict', `Tenant "${slug}" has no subscription to cancel`));
  const cancelled = await deps.adapter.cancel(sub.externalId);
  await p.central
    .update(cs.subscriptions)
    .set({ status: cancelled.status, updatedAt: p.now() })
    .where(eq(cs.subscriptions.tenantId, tenant.id));
  await writeAudit(p, actor, {
    action: 'subscription.cancel',
    target: `tenant:${slug}`,
    before: { status: sub.status },
    after: { status: cancelled.status },
  });
  return ok((await listSubscriptions(p, tenant.id))[0]!);
}
