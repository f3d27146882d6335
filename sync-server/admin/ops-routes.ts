import type { Context, Hono } from 'hono';
import { z } from 'zod';

import { appError } from '../../shared/errors';
import { problem } from '../http/problem';
import type { AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import {
  cancelSubscription,
  changeSubscriptionPlan,
  createSubscription,
  listSubscriptions,
} from '../billing/subscriptions';
import { findTenantBySlug } from '../tenancy/tenant-record';
import { listAudit, writeAudit } from './audit';
import { actorOf, requireAdmin, type AdminEnv } from './middleware';
import { listPushes } from './permission-push';
import { adminServices } from './services';

const AuditQuery = z.object({
  action: z.string().max(60).optional(),
  target: z.string().max(120).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const PlanBody = z.object({ plan: z.string().min(1).max(40) });

/** Audit log, permission push status (with retry) and subscriptions in the console. */
export function adminOpsRoutes(app: Hono<AppEnv>, p: Platform): void {
  const authed = requireAdmin(p);
  const services = () => adminServices(p, app);
  const deps = () => ({ adapter: services().billing, pusher: services().pusher });

  app.get('/api/admin/audit', authed, async (c) => {
    const q = AuditQuery.safeParse(c.req.query());
    if (!q.success)
      return problem(c, appError('validation', 'from and to are ISO dates; limit 1-1000'));
    const { action, target, from, to, limit } = q.data;
    // A bare date for `to` means the whole of that day.
    const toDate = to ? new Date(to.length === 10 ? `${to}T23:59:59.999Z` : to) : undefined;
    const entries = await listAudit(p, {
      action,
      target,
      from: from ? new Date(from) : undefined,
      to: toDate,
      limit,
    });
    return c.json({ entries });
  });

  app.get('/api/admin/pushes', authed, async (c) => c.json({ pushes: await listPushes(p) }));

  app.post('/api/admin/pushes/:slug/retry', authed, async (c) => {
    const tenant = await findTenantBySlug(p.central, c.req.param('slug'));
    if (!tenant) return problem(c, appError('not_found', 'No such tenant'));
    const result = await services().pusher.retry(tenant);
    await writeAudit(p, actorOf(c), {
      action: 'permissions.retry',
      target: `tenant:${tenant.slug}`,
      before: null,
      after: result,
    });
    return c.json({ result });
  });

  app.get('/api/admin/subscriptions', authed, async (c) => {
    return c.json({
      provider: services().billing.provider,
      subscriptions: await listSubscriptions(p),
    });
  });

  app.post('/api/admin/tenants/:slug/subscription', authed, (c) =>
    withPlan(c, (plan) =>
      createSubscription(p, deps(), actorOf(c), { slug: c.req.param('slug') ?? '', plan }),
    ),
  );

  app.put('/api/admin/tenants/:slug/subscription', authed, (c) =>
    withPlan(c, (plan) =>
      changeSubscriptionPlan(p, deps(), actorOf(c), { slug: c.req.param('slug') ?? '', plan }),
    ),
  );

  app.post('/api/admin/tenants/:slug/subscription/cancel', authed, async (c) => {
    const r = await cancelSubscription(p, deps(), actorOf(c), c.req.param('slug'));
    return r.ok ? c.json({ subscription: r.value }) : problem(c, r.error);
  });
}

async function withPlan(
  c: Context<AdminEnv>,
  run: (
    plan: string,
  ) => Promise<{ ok: true; value: unknown } | { ok: false; error: Parameters<typeof problem>[1] }>,
): Promise<Response> {
  const parsed = PlanBody.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) return problem(c, appError('validation', 'plan (a plan key) is required'));
  const r = await run(parsed.data.plan);
  return r.ok ? c.json({ subscription: r.value }) : problem(c, r.error);
}
