import { z } from 'zod';

const BillingEnv = z.object({
  RAZORPAY_KEY_ID: z.string().optional(),
  RAZORPAY_KEY_SECRET: z.string().optional(),
  RAZORPAY_WEBHOOK_SECRET: z.string().optional(),
  /** Where the SDK sends requests; only tests and sandboxing proxies set it. */
  RAZORPAY_BASE_URL: z.string().url().optional(),
  FOCUS_BILLING_GRACE_DAYS: z.coerce.number().min(0).max(90).default(7),
});

export interface BillingConfig {
  readonly razorpay: {
    readonly keyId: string;
    readonly keySecret: string;
    readonly baseUrl: string | undefined;
  } | null;
  readonly webhookSecret: string | undefined;
  readonly graceDays: number;
}

/** Billing settings from the environment; without Razorpay keys the manual adapter is used. */
export function loadBillingConfig(env: NodeJS.ProcessEnv = process.env): BillingConfig {
  const parsed = BillingEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid billing configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const e = parsed.data;
  const keys = e.RAZORPAY_KEY_ID && e.RAZORPAY_KEY_SECRET;
  return {
    razorpay: keys
      ? {
          keyId: e.RAZORPAY_KEY_ID!,
          keySecret: e.RAZORPAY_KEY_SECRET!,
          baseUrl: e.RAZORPAY_BASE_URL,
        }
      : null,
    webhookSecret: e.RAZORPAY_WEBHOOK_SECRET || undefined,
    graceDays: e.FOCUS_BILLING_GRACE_DAYS,
  };
}
