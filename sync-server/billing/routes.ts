import type { Hono } from 'hono';

import { appError } from '../../shared/errors';
import { adminServices } from '../admin/services';
import { requirePermission, requireSession } from '../auth/middleware';
import { problem } from '../http/problem';
import { requireTenant, type AppEnv } from '../http/tenant-context';
import { readPlanInfo } from '../tenancy/plan-permissions';
import type { Platform } from '../platform/platform';
import { listSubscriptions } from './subscriptions';
import { handleRazorpayWebhook } from './webhook';

/**
 * Billing routes outside the console: Razorpay's webhook on the central host (the bare base
 * domain; one URL for the whole platform, configured once in the Razorpay dashboard) and the
 * tenant owner's read-only view of their subscription (docs/billing.md).
 */
export function billingRoutes(app: Hono<AppEnv>, p: Platform): void {
  app.post('/api/webhooks/razorpay', async (c) => {
    if (c.get('site').kind !== 'central') return problem(c, appError('not_found', 'Not found'));
    const services = adminServices(p, app);
    // The raw bytes, exactly as signed: nothing may parse the body before the signature holds.
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const answer = await handleRazorpayWebhook(
      p,
      {
        secret: services.billingConfig.webhookSecret,
        graceDays: services.billingConfig.graceDays,
        pusher: services.pusher,
      },
      c.get('log'),
      {
        rawBody,
        signature: c.req.header('x-razorpay-signature'),
        eventId: c.req.header('x-razorpay-event-id'),
      },
    );
    if (answer.ok) return c.json({ status: answer.outcome });
    const code =
      answer.status === 401 ? 'unauthenticated' : answer.status === 503 ? 'internal' : 'validation';
    return problem(c, appError(code, `Webhook refused: ${answer.reason}`));
  });

  app.get(
    '/api/billing/subscription',
    requireTenant(p),
    requireSession(p),
    requirePermission('settings.manage'),
    async (c) => {
      const { tenant, conn } = c.get('tenant');
      const [subscription] = await listSubscriptions(p, tenant.id);
      return c.json({ plan: await readPlanInfo(conn.db), subscription: subscription ?? null });
    },
  );
}
