import { eq } from 'drizzle-orm';
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';

import { appError } from '../../shared/errors';
import * as cs from '../db/central-schema';
import { problem } from '../http/problem';
import type { AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { migrateTenants } from '../tenancy/migrate-all';
import { deleteTenant, provisionTenant, setTenantStatus } from '../tenancy/provision';
import { findTenantBySlug, listTenants } from '../tenancy/tenant-record';
import { writeAudit } from './audit';
import { actorOf, requireAdmin, type AdminEnv } from './middleware';
import { adminServices } from './services';
import { switchTenantPlan } from './tenant-plan';
import { listTenantViews } from './tenant-usage';

const ProvisionBody = z.object({
  slug: z.string(),
  name: z.string(),
  plan: z.string(),
  ownerEmail: z.string(),
  ownerPassword: z.string(),
  ownerName: z.string().optional(),
  deviceApproval: z.boolean().optional(),
  dbServer: z.string().optional(),
});

async function body(c: Context): Promise<unknown> {
  return c.req.json().catch(() => null);
}

function bad(c: Context, message: string): Response {
  return problem(c, appError('validation', message));
}

/** Tenants in the console: list, provision (with live progress), status, delete, plan, ops. */
export function adminTenantRoutes(app: Hono<AppEnv>, p: Platform): void {
  const authed = requireAdmin(p);
  const services = () => adminServices(p, app);

  app.get('/api/admin/tenants', authed, async (c) => {
    const q = c.req.query();
    return c.json({
      tenants: await listTenantViews(p, {
        q: q.q,
        status: q.status,
        plan: q.plan,
        dbHost: q.dbHost,
      }),
    });
  });

  app.post('/api/admin/tenants', authed, async (c) => {
    const parsed = ProvisionBody.safeParse(await body(c));
    if (!parsed.success)
      return bad(c, 'slug, name, plan, ownerEmail and ownerPassword are required');
    const input = parsed.data;
    const { progress } = services();
    if (progress.running(input.slug))
      return problem(c, appError('conflict', `Tenant "${input.slug}" is being provisioned`));
    const actor = actorOf(c);
    progress.start(input.slug);
    const stamp = () => p.now().toISOString();
    // Provisioning takes seconds: answer now and let the SPA follow the progress stream.
    void provisionTenant(
      p,
      {
        slug: input.slug,
        name: input.name,
        plan: input.plan,
        ownerEmail: input.ownerEmail,
        ownerPassword: input.ownerPassword,
        ...(input.ownerName ? { ownerName: input.ownerName } : {}),
        deviceApproval: input.deviceApproval ?? true,
        dbServer: input.dbServer ?? 'primary',
      },
      { onStep: (step) => progress.emit(input.slug, { type: 'step', step, at: stamp() }) },
    )
      .then(async (r) => {
        // Audit first: whoever sees `done` must also find the audit entry.
        await writeAudit(p, actor, {
          action: 'tenant.provision',
          target: `tenant:${input.slug}`,
          before: null,
          after: r.ok
            ? {
                slug: r.value.slug,
                plan: input.plan,
                status: r.value.status,
                dbHost: r.value.dbHost,
              }
            : { error: r.error.message },
        });
        if (r.ok) progress.emit(input.slug, { type: 'done', status: 'active', at: stamp() });
        else progress.emit(input.slug, { type: 'failed', error: r.error.message, at: stamp() });
      })
      .catch((e: unknown) => {
        progress.emit(input.slug, { type: 'failed', error: 'internal error', at: stamp() });
        p.logger.error({ tenant: input.slug, error: String(e) }, 'provisioning crashed');
      });
    return c.json(
      {
        slug: input.slug,
        progress: `/api/admin/tenants/${encodeURIComponent(input.slug)}/progress`,
      },
      202,
    );
  });

  app.get('/api/admin/tenants/:slug/progress', authed, (c) => {
    const slug = c.req.param('slug');
    return streamSSE(c, async (stream) => {
      let resolveDone: () => void = () => undefined;
      const finished = new Promise<void>((r) => (resolveDone = r));
      // Writes are chained so the final event is flushed before the stream closes.
      let written = Promise.resolve();
      const stop = services().progress.follow(slug, (e) => {
        written = written.then(() => stream.writeSSE({ event: e.type, data: JSON.stringify(e) }));
        if (e.type === 'done' || e.type === 'failed') resolveDone();
      });
      if (!stop) {
        await stream.writeSSE({
          event: 'unknown',
          data: JSON.stringify({ type: 'unknown', slug }),
        });
        return;
      }
      stream.onAbort(() => resolveDone());
      await finished;
      stop();
      await written;
    });
  });

  app.post('/api/admin/tenants/:slug/suspend', authed, (c) => changeStatus(c, p, 'suspended'));
  app.post('/api/admin/tenants/:slug/resume', authed, (c) => changeStatus(c, p, 'active'));

  app.delete('/api/admin/tenants/:slug', authed, async (c) => {
    const slug = c.req.param('slug');
    const confirm = ((await body(c)) as { confirm?: unknown } | null)?.confirm;
    // Typed confirmation: the body must repeat the slug, so a stray click or replayed request
    // for another tenant deletes nothing.
    if (confirm !== slug)
      return bad(c, `Type the tenant's slug to confirm: { "confirm": "${slug}" }`);
    const before = await findTenantBySlug(p.central, slug);
    const [sub] = before
      ? await p.central
          .select()
          .from(cs.subscriptions)
          .where(eq(cs.subscriptions.tenantId, before.id))
      : [];
    // A live subscription would keep charging a customer whose workspace no longer exists.
    if (sub && !['cancelled', 'completed', 'expired'].includes(sub.status)) {
      return problem(
        c,
        appError('conflict', `Cancel ${slug}'s ${sub.status} subscription before deleting it`),
      );
    }
    const r = await deleteTenant(p, slug);
    if (!r.ok) return problem(c, r.error);
    await writeAudit(p, actorOf(c), {
      action: 'tenant.delete',
      target: `tenant:${slug}`,
      before: before && {
        slug,
        name: before.name,
        status: before.status,
        planId: before.planId,
        dbName: before.dbName,
      },
      after: null,
    });
    return c.json({ deleted: slug });
  });

  app.put('/api/admin/tenants/:slug/plan', authed, async (c) => {
    const key = ((await body(c)) as { plan?: unknown } | null)?.plan;
    if (typeof key !== 'string') return bad(c, 'plan (a plan key) is required');
    const [plan] = await p.central.select().from(cs.plans).where(eq(cs.plans.key, key));
    if (!plan) return bad(c, `Unknown plan "${key}"`);
    const r = await switchTenantPlan(p, services().pusher, actorOf(c), {
      slug: c.req.param('slug'),
      planId: plan.id,
      reason: 'admin',
    });
    if (!r.ok) return problem(c, r.error);
    return c.json({ plan: plan.key, push: r.value });
  });

  app.post('/api/admin/tenants/:slug/permissions-update', authed, (c) =>
    pushTo(c, p, app, [c.req.param('slug')]),
  );
  app.post('/api/admin/permissions-update', authed, (c) => pushTo(c, p, app, null));
  app.post('/api/admin/tenants/:slug/migrate', authed, (c) => migrate(c, p, [c.req.param('slug')]));
  app.post('/api/admin/migrate', authed, (c) => migrate(c, p, null));
}

async function changeStatus(
  c: Context<AdminEnv>,
  p: Platform,
  status: 'active' | 'suspended',
): Promise<Response> {
  const slug = c.req.param('slug') ?? '';
  const reasonRaw = ((await body(c)) as { reason?: unknown } | null)?.reason;
  const reason =
    typeof reasonRaw === 'string' && reasonRaw.trim() ? reasonRaw.trim().slice(0, 500) : undefined;
  const before = await findTenantBySlug(p.central, slug);
  const r = await setTenantStatus(p, slug, status, reason);
  if (!r.ok) return problem(c, r.error);
  await writeAudit(p, actorOf(c), {
    action: status === 'suspended' ? 'tenant.suspend' : 'tenant.resume',
    target: `tenant:${slug}`,
    before: { status: before?.status ?? null, reason: before?.statusReason ?? null },
    after: { status, reason: reason ?? null },
  });
  return c.json({ slug, status });
}

async function pushTo(
  c: Context<AdminEnv>,
  p: Platform,
  app: Hono<AppEnv>,
  slugs: readonly string[] | null,
): Promise<Response> {
  const all = await listTenants(p.central);
  const targets = slugs ? all.filter((t) => slugs.includes(t.slug)) : all;
  if (slugs && targets.length === 0)
    return problem(c, appError('not_found', `No tenant "${slugs[0]}"`));
  const results = await adminServices(p, app).pusher.push(targets);
  await writeAudit(p, actorOf(c), {
    action: 'permissions.update',
    target: slugs ? `tenant:${slugs[0]}` : 'tenants:all',
    before: null,
    after: { results },
  });
  return c.json({ results });
}

async function migrate(
  c: Context<AdminEnv>,
  p: Platform,
  slugs: readonly string[] | null,
): Promise<Response> {
  if (slugs && !(await findTenantBySlug(p.central, slugs[0]!)))
    return problem(c, appError('not_found', `No tenant "${slugs[0]}"`));
  const results = await migrateTenants(p, slugs ? { slugs } : {});
  await writeAudit(p, actorOf(c), {
    action: 'tenant.migrate',
    target: slugs ? `tenant:${slugs[0]}` : 'tenants:all',
    before: null,
    after: { results },
  });
  return c.json({ results });
}
