import Razorpay from 'razorpay';

import { appError } from '../../shared/errors';
import {
  toStatus,
  type BillingAdapter,
  type ProviderPlanInput,
  type ProviderSubscription,
} from './adapter';

/** The SDK's subscription entity, as far as we read it. */
interface RazorpaySubscriptionEntity {
  readonly id: string;
  readonly plan_id?: string | null;
  readonly status: string;
  readonly current_end?: number | null;
  readonly short_url?: string | null;
}

export interface RazorpayOptions {
  readonly keyId: string;
  readonly keySecret: string;
  /** Overrides https://api.razorpay.com (tests point it at a local fake of the API). */
  readonly baseUrl?: string | undefined;
}

/**
 * The SDK fixes its host at construction (`hostUrl: 'https://api.razorpay.com'` in
 * razorpay/dist/razorpay.js) and keeps an axios instance at `api.rq`; its base URL is the only
 * thing we change. Checked at start so an SDK upgrade that moves it fails loudly, not by
 * silently calling the real API from a test.
 */
function pointAt(rz: Razorpay, baseUrl: string): void {
  const rq = (rz.api as unknown as { rq?: { defaults?: { baseURL?: string } } }).rq;
  if (!rq?.defaults || typeof rq.defaults.baseURL !== 'string') {
    throw new Error('razorpay SDK layout changed: cannot override its base URL');
  }
  rq.defaults.baseURL = baseUrl.replace(/\/$/, '');
}

function view(s: RazorpaySubscriptionEntity): ProviderSubscription {
  return {
    id: s.id,
    providerPlanId: s.plan_id ?? null,
    status: toStatus(s.status),
    currentEnd: s.current_end ?? null,
    shortUrl: s.short_url ?? null,
  };
}

/** The SDK rejects with `{ statusCode, error: { description } }`; keep only what is safe to show. */
function providerError(e: unknown): Error {
  const o = e as { statusCode?: number; error?: { description?: string } };
  const detail = o.error?.description ?? (e instanceof Error ? e.message : 'no answer');
  return appError('internal', `Razorpay answered ${o.statusCode ?? 'nothing'}: ${detail}`);
}

/** Total billing cycles for a subscription; Razorpay requires a finite count. */
const TOTAL_COUNT: Readonly<Record<string, number>> = { monthly: 120, yearly: 10 };

export class RazorpayAdapter implements BillingAdapter {
  readonly provider = 'razorpay';
  readonly needsProviderPlans = true;
  private readonly rz: Razorpay;

  constructor(opts: RazorpayOptions) {
    this.rz = new Razorpay({ key_id: opts.keyId, key_secret: opts.keySecret });
    if (opts.baseUrl) pointAt(this.rz, opts.baseUrl);
  }

  async createPlan(plan: ProviderPlanInput): Promise<string> {
    const period = plan.billingPeriod === 'yearly' ? 'yearly' : 'monthly';
    const created = await this.rz.plans
      .create({
        period,
        interval: 1,
        item: { name: plan.name, amount: plan.pricePaise, currency: 'INR' },
        notes: { focus_plan: plan.key },
      })
      .catch((e: unknown) => {
        throw providerError(e);
      });
    return created.id;
  }

  async createSubscription(input: {
    tenantSlug: string;
    providerPlanId: string | null;
    billingPeriod: string;
  }): Promise<ProviderSubscription> {
    if (!input.providerPlanId)
      throw appError('internal', 'Razorpay subscriptions need a provider plan');
    const s = await this.rz.subscriptions
      .create({
        plan_id: input.providerPlanId,
        total_count: TOTAL_COUNT[input.billingPeriod] ?? 120,
        quantity: 1,
        customer_notify: 1,
        notes: { focus_tenant: input.tenantSlug },
      })
      .catch((e: unknown) => {
        throw providerError(e);
      });
    return view(s as RazorpaySubscriptionEntity);
  }

  async fetchSubscription(id: string): Promise<ProviderSubscription> {
    const s = await this.rz.subscriptions.fetch(id).catch((e: unknown) => {
      throw providerError(e);
    });
    return view(s as RazorpaySubscriptionEntity);
  }

  async changePlan(id: string, providerPlanId: string | null): Promise<ProviderSubscription> {
    if (!providerPlanId) throw appError('internal', 'Razorpay plan changes need a provider plan');
    const s = await this.rz.subscriptions
      .update(id, { plan_id: providerPlanId, schedule_change_at: 'now', customer_notify: 1 })
      .catch((e: unknown) => {
        throw providerError(e);
      });
    return view(s as RazorpaySubscriptionEntity);
  }

  async cancel(id: string): Promise<ProviderSubscription> {
    const s = await this.rz.subscriptions.cancel(id, false).catch((e: unknown) => {
      throw providerError(e);
    });
    return view(s as RazorpaySubscriptionEntity);
  }
}
