import type { Hono } from 'hono';

import type { AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import type { BillingAdapter } from '../billing/adapter';
import { loadBillingConfig, type BillingConfig } from '../billing/config';
import { ManualAdapter } from '../billing/manual';
import { RazorpayAdapter } from '../billing/razorpay';
import { centralClient } from '../tenancy/permissions-update';
import { PermissionPusher } from './permission-push';
import { ProvisionProgress } from './provision-progress';

/** Long-lived helpers of the console and billing, one set per platform. */
export interface AdminServices {
  readonly pusher: PermissionPusher;
  readonly progress: ProvisionProgress;
  readonly billing: BillingAdapter;
  readonly billingConfig: BillingConfig;
}

const byPlatform = new WeakMap<Platform, AdminServices>();

/**
 * The services of this platform, made on first use. The app is needed only to reach the
 * central API in-process when FOCUS_CENTRAL_URL is unset.
 */
export function adminServices(p: Platform, app: Hono<AppEnv>): AdminServices {
  let s = byPlatform.get(p);
  if (!s) {
    const billingConfig = loadBillingConfig();
    s = {
      pusher: new PermissionPusher(
        p,
        centralClient(p, () => app),
      ),
      progress: new ProvisionProgress(),
      billing: billingConfig.razorpay
        ? new RazorpayAdapter(billingConfig.razorpay)
        : new ManualAdapter(p.now),
      billingConfig,
    };
    byPlatform.set(p, s);
  }
  return s;
}

/** Stop background retries of this platform's services (tests, shutdown). */
export function stopAdminServices(p: Platform): void {
  byPlatform.get(p)?.pusher.stop();
}
