import { createHmac, timingSafeEqual } from 'node:crypto';

import { eq } from 'drizzle-orm';
import { z } from 'zod';

import { SYSTEM_ACTOR, writeAudit } from '../admin/audit';
import type { PermissionPusher } from '../admin/permission-push';
import { switchTenantPlan } from '../admin/tenant-plan';
import * as cs from '../db/central-schema';
import type { Logger } from '../logger';
import type { Platform } from '../platform/platform';
import { setTenantStatus } from '../tenancy/provision';
import { toStatus } from './adapter';
import { BILLING_REASON_PREFIX, enforceGracePeriod } from './grace';

/** Hex HMAC-SHA256 of the raw body, compared in constant time (docs/billing.md, B-1). */
export function validSignature(
  rawBody: Uint8Array,
  signature: string | undefined,
  secret: string,
): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

const Entity = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ entity: z.object(shape).passthrough() });

const EventBody = z
  .object({
    entity: z.literal('event'),
    event: z.string().min(1).max(60),
    created_at: z.number().int().nonnegative(),
    payload: z
      .object({
        subscription: Entity({
          id: z.string().min(1).max(64),
          plan_id: z.string().max(64).nullish(),
          status: z.string().max(20),
          current_end: z.number().int().nullish(),
        }).optional(),
        payment: Entity({
          id: z.string().max(64),
          subscription_id: z.string().max(64).nullish(),
          error_code: z.string().max(80).nullish(),
          error_description: z.string().max(500).nullish(),
        }).optional(),
      })
      .passthrough(),
  })
  .passthrough();
type EventBody = z.infer<typeof EventBody>;

export type WebhookOutcome = 'applied' | 'stale' | 'ignored' | 'duplicate';

export type WebhookAnswer =
  | { readonly ok: true; readonly outcome: WebhookOutcome }
  | { readonly ok: false; readonly status: 400 | 401 | 503; readonly reason: string };

export interface WebhookDeps {
  readonly secret: string | undefined;
  readonly graceDays: number;
  readonly pusher: PermissionPusher;
}

type SubscriptionRow = typeof cs.subscriptions.$inferSelect;

/** What to do after the event's row changes commit: plan switch, resume, grace check. */
interface FollowUp {
  readonly tenantId: string;
  readonly planId?: number;
  readonly resume?: boolean;
  readonly checkGrace?: boolean;
}

/**
 * One Razorpay delivery (docs/billing.md, B-1..B-6): the signature is checked on the raw bytes
 * before anything is parsed; the event id is recorded in the same transaction as the changes,
 * so a replay finds it and changes nothing; an event older than the last one applied to the
 * subscription is stale and only recorded. Refusals are logged with the reason and event id,
 * never the body, which holds customer contact details.
 */
export async function handleRazorpayWebhook(
  p: Platform,
  deps: WebhookDeps,
  log: Logger,
  req: {
    readonly rawBody: Uint8Array;
    readonly signature: string | undefined;
    readonly eventId: string | undefined;
  },
): Promise<WebhookAnswer> {
  const refuse = (status: 400 | 401 | 503, reason: string): WebhookAnswer => {
    log.warn(
      { reason, eventId: req.eventId ?? null, bytes: req.rawBody.byteLength },
      'razorpay webhook refused',
    );
    return { ok: false, status, reason };
  };
  if (!deps.secret) return refuse(503, 'webhook secret not configured');
  if (!validSignature(req.rawBody, req.signature, deps.secret)) return refuse(401, 'bad signature');
  if (!req.eventId || req.eventId.length > 80) return refuse(400, 'missing event id');

  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(req.rawBody).toString('utf8'));
  } catch {
    return refuse(400, 'body is not JSON');
  }
  const parsed = EventBody.safeParse(json);
  if (!parsed.success)
    return refuse(
      400,
      `unexpected body: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  const ev = parsed.data;
  const eventId = req.eventId;

  const result = await p.central.transaction(async (tx) => {
    const [seen] = await tx
      .insert(cs.webhookEvents)
      .ignore()
      .values({ eventId, provider: 'razorpay', event: ev.event, outcome: 'applied' });
    if (seen.affectedRows === 0) return { outcome: 'duplicate' as const, followUp: null };

    const subId =
      ev.payload.subscription?.entity.id ?? ev.payload.payment?.entity.subscription_id ?? null;
    const [sub] = subId
      ? await tx
          .select()
          .from(cs.subscriptions)
          .where(eq(cs.subscriptions.externalId, subId))
          .for('update')
      : [];
    const decided = sub
      ? await decide(p, ev, sub)
      : { outcome: 'ignored' as const, set: null, followUp: null };
    if (decided.set && sub) {
      await tx
        .update(cs.subscriptions)
        .set({ ...decided.set, updatedAt: p.now() })
        .where(eq(cs.subscriptions.tenantId, sub.tenantId));
      const [owner] = await tx
        .select({ slug: cs.tenants.slug })
        .from(cs.tenants)
        .where(eq(cs.tenants.id, sub.tenantId));
      const target = owner ? `tenant:${owner.slug}` : `subscription:${sub.externalId}`;
      await writeAudit(p, SYSTEM_ACTOR, billingAudit(ev, eventId, target, sub, decided.set), tx);
    }
    if (decided.outcome !== 'applied') {
      await tx
        .update(cs.webhookEvents)
        .set({ outcome: decided.outcome })
        .where(eq(cs.webhookEvents.eventId, eventId));
    }
    return decided;
  });

  log.info({ eventId, event: ev.event, outcome: result.outcome }, 'razorpay webhook');
  if (result.followUp) await followUp(p, deps, result.followUp);
  return { ok: true, outcome: result.outcome };
}

const AUDITED = ['status', 'planId', 'currentPeriodEnd', 'haltedAt', 'lastPaymentError'] as const;

/** The subscription fields an event changed, before and after, for the audit log. */
function billingAudit(
  ev: EventBody,
  eventId: string,
  target: string,
  sub: SubscriptionRow,
  set: Partial<SubscriptionRow>,
) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of AUDITED) {
    if (!(k in set) || String(set[k]) === String(sub[k])) continue;
    before[k] = sub[k];
    after[k] = set[k];
  }
  return {
    action: `billing.${ev.event}`,
    target,
    before,
    after: { ...after, eventId },
  };
}

type Decision = {
  readonly outcome: 'applied' | 'stale' | 'ignored';
  readonly set: Partial<SubscriptionRow> | null;
  readonly followUp: FollowUp | null;
};

async function decide(p: Platform, ev: EventBody, sub: SubscriptionRow): Promise<Decision> {
  // Razorpay retries for a day and does not keep order: never let an older event undo a newer one.
  if (ev.created_at < sub.lastEventAt) return { outcome: 'stale', set: null, followUp: null };
  const s = ev.payload.subscription?.entity;
  const base = { lastEventAt: ev.created_at };
  const periodEnd = (end: number | null | undefined) => {
    const next = end ? new Date(end * 1000) : null;
    if (!next) return sub.currentPeriodEnd;
    return sub.currentPeriodEnd && sub.currentPeriodEnd > next ? sub.currentPeriodEnd : next;
  };
  const planOf = async (providerPlanId: string | null | undefined) => {
    if (!providerPlanId) return undefined;
    const [plan] = await p.central
      .select()
      .from(cs.plans)
      .where(eq(cs.plans.razorpayPlanId, providerPlanId));
    return plan?.id;
  };

  switch (ev.event) {
    case 'subscription.activated':
    case 'subscription.charged':
    case 'subscription.updated':
    case 'subscription.resumed': {
      const planId = (await planOf(s?.plan_id)) ?? sub.planId;
      return {
        outcome: 'applied',
        set: {
          ...base,
          status: toStatus(s?.status ?? 'active'),
          planId,
          haltedAt: null,
          currentPeriodEnd: periodEnd(s?.current_end),
          ...(ev.event === 'subscription.charged' ? { lastPaymentError: null } : {}),
        },
        followUp: { tenantId: sub.tenantId, planId, resume: true },
      };
    }
    case 'subscription.authenticated':
      return { outcome: 'applied', set: { ...base, status: 'authenticated' }, followUp: null };
    case 'subscription.pending':
      return { outcome: 'applied', set: { ...base, status: 'pending' }, followUp: null };
    case 'subscription.halted':
      return {
        outcome: 'applied',
        set: {
          ...base,
          status: 'halted',
          haltedAt: sub.haltedAt ?? new Date(ev.created_at * 1000),
        },
        followUp: { tenantId: sub.tenantId, checkGrace: true },
      };
    case 'subscription.cancelled':
    case 'subscription.completed':
      return {
        outcome: 'applied',
        set: { ...base, status: ev.event === 'subscription.cancelled' ? 'cancelled' : 'completed' },
        followUp: { tenantId: sub.tenantId, checkGrace: true },
      };
    case 'payment.failed': {
      const pay = ev.payload.payment?.entity;
      const error =
        [pay?.error_code, pay?.error_description].filter(Boolean).join(': ') || 'payment failed';
      return {
        outcome: 'applied',
        set: { ...base, lastPaymentError: error.slice(0, 500) },
        followUp: null,
      };
    }
    default:
      return { outcome: 'ignored', set: null, followUp: null };
  }
}

async function followUp(p: Platform, deps: WebhookDeps, f: FollowUp): Promise<void> {
  const [tenant] = await p.central.select().from(cs.tenants).where(eq(cs.tenants.id, f.tenantId));
  if (!tenant) return;
  if (f.planId !== undefined && f.planId !== tenant.planId) {
    await switchTenantPlan(p, deps.pusher, SYSTEM_ACTOR, {
      slug: tenant.slug,
      planId: f.planId,
      reason: 'razorpay webhook',
    });
  }
  // Only a suspension billing caused is lifted by billing; an admin's own suspension stays.
  if (
    f.resume &&
    tenant.status === 'suspended' &&
    tenant.statusReason?.startsWith(BILLING_REASON_PREFIX)
  ) {
    const r = await setTenantStatus(p, tenant.slug, 'active');
    if (r.ok) {
      await writeAudit(p, SYSTEM_ACTOR, {
        action: 'tenant.resume',
        target: `tenant:${tenant.slug}`,
        before: { status: 'suspended', reason: tenant.statusReason },
        after: { status: 'active', reason: 'payment received' },
      });
    }
  }
  if (f.checkGrace)
    await enforceGracePeriod(p, {
      now: p.now(),
      graceDays: deps.graceDays,
      tenantIds: [tenant.id],
    });
}
