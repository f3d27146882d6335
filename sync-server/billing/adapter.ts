import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '../db/central-schema';

/** What a provider reports about one subscription. Times are Unix seconds, as Razorpay sends. */
export interface ProviderSubscription {
  readonly id: string;
  readonly providerPlanId: string | null;
  readonly status: SubscriptionStatus;
  readonly currentEnd: number | null;
  /** Where the customer authorises the mandate (Razorpay's hosted page), if any. */
  readonly shortUrl: string | null;
}

export interface ProviderPlanInput {
  readonly key: string;
  readonly name: string;
  readonly pricePaise: number;
  readonly billingPeriod: string;
}

/**
 * The payments port. Razorpay is one adapter; the manual adapter keeps the product usable
 * with no payment account (subscriptions are recorded and invoiced by hand).
 */
export interface BillingAdapter {
  readonly provider: 'razorpay' | 'manual';
  /** Whether the provider needs its own plan object (Razorpay does). */
  readonly needsProviderPlans: boolean;
  createPlan(plan: ProviderPlanInput): Promise<string>;
  createSubscription(input: {
    readonly tenantSlug: string;
    readonly providerPlanId: string | null;
    readonly billingPeriod: string;
  }): Promise<ProviderSubscription>;
  fetchSubscription(id: string): Promise<ProviderSubscription>;
  /** Upgrade or downgrade now. */
  changePlan(id: string, providerPlanId: string | null): Promise<ProviderSubscription>;
  cancel(id: string): Promise<ProviderSubscription>;
}

export const SUBSCRIPTION_STATUS_SET: ReadonlySet<string> = new Set(SUBSCRIPTION_STATUSES);

export function toStatus(s: string): SubscriptionStatus {
  return (SUBSCRIPTION_STATUS_SET.has(s) ? s : 'created') as SubscriptionStatus;
}
