import { and, inArray } from 'drizzle-orm';
import type { Context, Hono } from 'hono';

import { appError } from '../../shared/errors';
import * as cs from '../db/central-schema';
import { problem } from '../http/problem';
import type { AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { writeAudit } from './audit';
import { actorOf, requireAdmin, type AdminEnv } from './middleware';
import {
  deletePlan,
  findPlan,
  listGroups,
  listPlans,
  planImpact,
  plansUsingGroup,
  saveGroup,
  savePlan,
} from './plans';
import { adminServices } from './services';

function idParam(c: Context): number | null {
  const n = Number(c.req.param('id'));
  return Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * Plans and permission groups. Saving either bumps the plan versions it touches and pushes
 * the new set to every tenant on those plans (docs/admin.md, A-6, A-7).
 */
export function adminPlanRoutes(app: Hono<AppEnv>, p: Platform): void {
  const authed = requireAdmin(p);

  const pushPlans = async (planIds: readonly number[]) => {
    if (planIds.length === 0) return [];
    const tenants = await p.central
      .select()
      .from(cs.tenants)
      .where(
        and(
          inArray(cs.tenants.planId, [...planIds]),
          inArray(cs.tenants.status, ['active', 'suspended']),
        ),
      );
    return adminServices(p, app).pusher.push(tenants);
  };

  app.get('/api/admin/plans', authed, async (c) =>
    c.json({ plans: await listPlans(p), groups: await listGroups(p) }),
  );

  app.get('/api/admin/plans/:id/impact', authed, async (c) => {
    const id = idParam(c);
    if (id === null) return problem(c, appError('validation', 'plan id must be a number'));
    const raw = c.req.query('groups');
    const groups =
      raw === undefined
        ? undefined
        : raw.split(',').filter(Boolean).map(Number).filter(Number.isInteger);
    const r = await planImpact(p, id, groups);
    return r.ok ? c.json(r.value) : problem(c, r.error);
  });

  app.post('/api/admin/plans', authed, async (c) => {
    const r = await savePlan(p, null, await c.req.json().catch(() => null));
    if (!r.ok) return problem(c, r.error);
    await writeAudit(p, actorOf(c), {
      action: 'plan.create',
      target: `plan:${r.value.key}`,
      before: null,
      after: r.value,
    });
    return c.json({ plan: r.value, pushes: [] }, 201);
  });

  app.put('/api/admin/plans/:id', authed, async (c) => {
    const id = idParam(c);
    const before = id === null ? null : await findPlan(p, id);
    if (id === null || !before) return problem(c, appError('not_found', 'No such plan'));
    const r = await savePlan(p, id, await c.req.json().catch(() => null));
    if (!r.ok) return problem(c, r.error);
    await writeAudit(p, actorOf(c), {
      action: 'plan.update',
      target: `plan:${r.value.key}`,
      before,
      after: r.value,
    });
    return c.json({ plan: r.value, pushes: await pushPlans([id]) });
  });

  app.delete('/api/admin/plans/:id', authed, async (c) => {
    const id = idParam(c);
    if (id === null) return problem(c, appError('not_found', 'No such plan'));
    const r = await deletePlan(p, id);
    if (!r.ok) return problem(c, r.error);
    await writeAudit(p, actorOf(c), {
      action: 'plan.delete',
      target: `plan:${r.value.key}`,
      before: r.value,
      after: null,
    });
    return c.json({ deleted: r.value.key });
  });

  app.post('/api/admin/permission-groups', authed, (c) => saveGroupRoute(c, p, null, pushPlans));
  app.put('/api/admin/permission-groups/:id', authed, (c) =>
    saveGroupRoute(c, p, idParam(c), pushPlans),
  );
}

async function saveGroupRoute(
  c: Context<AdminEnv>,
  p: Platform,
  id: number | null,
  pushPlans: (planIds: readonly number[]) => Promise<unknown[]>,
): Promise<Response> {
  const before = id === null ? null : ((await listGroups(p)).find((g) => g.id === id) ?? null);
  if (id !== null && !before) return problem(c, appError('not_found', 'No such permission group'));
  const r = await saveGroup(p, id, await c.req.json().catch(() => null));
  if (!r.ok) return problem(c, r.error);
  await writeAudit(p, actorOf(c), {
    action: id === null ? 'group.create' : 'group.update',
    target: `group:${r.value.key}`,
    before,
    after: r.value,
  });
  const pushes = id === null ? [] : await pushPlans(await plansUsingGroup(p, id));
  return c.json({ group: r.value, pushes }, id === null ? 201 : 200);
}
