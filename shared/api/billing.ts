/** The subscription shape the billing API (sync-server/billing/*) answers the admin SPA with. */
export interface SubscriptionView {
  readonly tenant: string;
  readonly provider: string;
  readonly externalId: string;
  readonly plan: { readonly id: number; readonly key: string; readonly name: string };
  readonly status: string;
  readonly currentPeriodEnd: string | null;
  readonly haltedAt: string | null;
  readonly lastPaymentError: string | null;
  readonly updatedAt: string;
}
