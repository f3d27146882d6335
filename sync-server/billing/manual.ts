import { newID } from '../../shared/ids';
import type { BillingAdapter, ProviderPlanInput, ProviderSubscription } from './adapter';

const PERIOD_SECONDS: Readonly<Record<string, number>> = {
  monthly: 30 * 86_400,
  yearly: 365 * 86_400,
};

/**
 * No payment provider: a subscription is active as soon as it is recorded and the platform
 * team invoices by hand. The subscriptions table is the only record.
 */
export class ManualAdapter implements BillingAdapter {
  readonly provider = 'manual';
  readonly needsProviderPlans = false;
  private readonly known = new Map<string, ProviderSubscription>();

  constructor(private readonly now: () => Date) {}

  createPlan(plan: ProviderPlanInput): Promise<string> {
    return Promise.resolve(`manual:${plan.key}`);
  }

  createSubscription(input: {
    tenantSlug: string;
    billingPeriod: string;
  }): Promise<ProviderSubscription> {
    const s: ProviderSubscription = {
      id: `manual_${newID()}`,
      providerPlanId: null,
      status: 'active',
      currentEnd:
        Math.floor(this.now().getTime() / 1000) +
        (PERIOD_SECONDS[input.billingPeriod] ?? PERIOD_SECONDS.monthly!),
      shortUrl: null,
    };
    this.known.set(s.id, s);
    return Promise.resolve(s);
  }

  fetchSubscription(id: string): Promise<ProviderSubscription> {
    return Promise.resolve(
      this.known.get(id) ?? {
        id,
        providerPlanId: null,
        status: 'active',
        currentEnd: null,
        shortUrl: null,
      },
    );
  }

  async changePlan(id: string): Promise<ProviderSubscription> {
    return this.fetchSubscription(id);
  }

  async cancel(id: string): Promise<ProviderSubscription> {
    const s = { ...(await this.fetchSubscription(id)), status: 'cancelled' as const };
    this.known.set(id, s);
    return s;
  }
}
