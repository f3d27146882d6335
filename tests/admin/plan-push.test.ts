import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { GroupView, PlanImpact, PlanView, PushView } from '../../shared/api/admin';
import { PermissionPusher } from '../../sync-server/admin/permission-push';
import { stopAdminServices } from '../../sync-server/admin/services';
import { planPermissions } from '../../sync-server/db/tenant/core';
import type { BusEvent } from '../../sync-server/platform/bus';
import { centralClient } from '../../sync-server/tenancy/permissions-update';
import { readPlanInfo } from '../../sync-server/tenancy/plan-permissions';
import { findTenantBySlug } from '../../sync-server/tenancy/tenant-record';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import { adminClient, adminLogin, makeAdmin, waitFor } from './admin-helpers';

let t: TestPlatform;
let api: ReturnType<typeof adminClient>;

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme', { plan: 'starter' });
  await t.tenant('beta', { plan: 'starter' });
  api = adminClient(t, await adminLogin(t, await makeAdmin(t)));
});
afterAll(async () => {
  stopAdminServices(t.p);
  await t.cleanup();
});

async function tenantPermissions(slug: string): Promise<string[]> {
  const tenant = (await findTenantBySlug(t.p.central, slug))!;
  const rows = await t.p.pools.get(tenant).db.select().from(planPermissions);
  return rows.map((r) => r.permission).sort();
}

/** Make a tenant's database refuse its own user: a real outage, not a mock. */
async function lockTenantDb(slug: string, locked: boolean): Promise<void> {
  const tenant = (await findTenantBySlug(t.p.central, slug))!;
  await t.p.adminPools
    .get('primary')!
    .query(`ALTER USER ?@'%' ACCOUNT ${locked ? 'LOCK' : 'UNLOCK'}`, [tenant.dbUser]);
  await t.p.pools.close(slug);
}

async function plansAndGroups() {
  const r = await api<{ plans: PlanView[]; groups: GroupView[] }>('GET', '/api/admin/plans');
  const starter = r.body.plans.find((x) => x.key === 'starter')!;
  const group = (key: string) => r.body.groups.find((g) => g.key === key)!;
  return { starter, group };
}

const planBody = (pl: PlanView, groupIds: number[]) => ({
  key: pl.key,
  name: pl.name,
  pricePaise: pl.pricePaise,
  billingPeriod: pl.billingPeriod,
  maxUsers: pl.maxUsers,
  mailCredits: pl.mailCredits,
  groupIds,
});

describe('plan edits reach tenants live (docs/admin.md, A-6, A-7)', () => {
  test('A-6: the impact preview lists the tenants and what they would gain and lose', async () => {
    const { starter, group } = await plansAndGroups();
    const proposed = [group('crm').id, group('campaigns').id];
    const r = await api<PlanImpact>(
      'GET',
      `/api/admin/plans/${starter.id}/impact?groups=${proposed.join(',')}`,
    );
    expect(r.status).toBe(200);
    expect(r.body.tenants.map((x) => x.slug)).toEqual(['acme', 'beta']);
    expect(r.body.addedModules).toEqual(['campaigns']);
    expect(r.body.removedModules).toEqual(['tasks']);
    expect(r.body.removedPermissions).toContain('tasks.read');
  });

  test('A-7: saving pushes to every tenant on the plan; an unreachable one keeps its old set and is retried', async () => {
    const { starter, group } = await plansAndGroups();
    const events: BusEvent[] = [];
    const unsubscribe = await t.p.bus.subscribe('acme', (_slug, e) => events.push(e));
    const betaBefore = await tenantPermissions('beta');
    await lockTenantDb('beta', true);

    const saved = await api<{ plan: PlanView; pushes: { slug: string; state: string }[] }>(
      'PUT',
      `/api/admin/plans/${starter.id}`,
      planBody(starter, [group('crm').id, group('campaigns').id]),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.plan.version).toBe(starter.version + 1);
    expect(saved.body.pushes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ slug: 'acme', state: 'ok' }),
        expect.objectContaining({ slug: 'beta', state: 'pending', attempts: 1 }),
      ]),
    );

    const acme = await tenantPermissions('acme');
    expect(acme).toContain('campaigns.send');
    expect(acme).not.toContain('tasks.read');
    const acmeTenant = (await findTenantBySlug(t.p.central, 'acme'))!;
    expect((await readPlanInfo(t.p.pools.get(acmeTenant).db))?.version).toBe(starter.version + 1);
    await waitFor(
      'acme poke',
      async () => events.map((e) => e.type),
      (types) => types.includes('poke') && types.includes('permissions'),
    );
    await unsubscribe();

    const pushes = await api<{ pushes: PushView[] }>('GET', '/api/admin/pushes');
    const beta = pushes.body.pushes.find((x) => x.slug === 'beta');
    expect(beta?.state).toBe('pending');
    expect(beta?.lastError).toBeTruthy();

    // Nothing half-applied: beta still has its whole previous set.
    await lockTenantDb('beta', false);
    expect(await tenantPermissions('beta')).toEqual(betaBefore);

    // The scheduled retry lands once the database is back.
    const fixed = await waitFor(
      'beta retried',
      async () => (await api<{ pushes: PushView[] }>('GET', '/api/admin/pushes')).body.pushes,
      (list) => list.some((x) => x.slug === 'beta' && x.state === 'ok'),
    );
    expect(fixed.find((x) => x.slug === 'beta')?.attempts).toBeGreaterThanOrEqual(2);
    expect(await tenantPermissions('beta')).toEqual(acme);
  });

  test('A-7: after the last attempt a push stays failed until retried from the console', async () => {
    const beta = (await findTenantBySlug(t.p.central, 'beta'))!;
    const quick = new PermissionPusher(
      t.p,
      centralClient(t.p, () => t.app),
      [5, 5],
    );
    await lockTenantDb('beta', true);
    const [first] = await quick.push([beta]);
    expect(first?.state).toBe('pending');
    const failed = await waitFor(
      'beta failed',
      async () => (await api<{ pushes: PushView[] }>('GET', '/api/admin/pushes')).body.pushes,
      (list) => list.some((x) => x.slug === 'beta' && x.state === 'failed'),
    );
    expect(failed.find((x) => x.slug === 'beta')?.attempts).toBe(3);

    await lockTenantDb('beta', false);
    const retried = await api<{ result: { state: string } }>(
      'POST',
      '/api/admin/pushes/beta/retry',
    );
    expect(retried.body.result.state).toBe('ok');
    quick.stop();
  });

  test('moving a tenant to another plan pushes that plan and is audited', async () => {
    const moved = await api<{ plan: string; push: { state: string } }>(
      'PUT',
      '/api/admin/tenants/acme/plan',
      { plan: 'enterprise' },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.push.state).toBe('ok');
    expect(await tenantPermissions('acme')).toContain('production.write');
    const audit = await api<{ entries: { before: unknown; after: unknown }[] }>(
      'GET',
      '/api/admin/audit?action=tenant.plan&target=tenant:acme',
    );
    expect(audit.body.entries[0]).toMatchObject({
      before: { plan: 'starter' },
      after: { plan: 'enterprise' },
    });
  });

  test('plan create and delete are audited with before and after', async () => {
    const { group } = await plansAndGroups();
    const created = await api<{ plan: PlanView }>('POST', '/api/admin/plans', {
      key: 'solo',
      name: 'Solo',
      pricePaise: 49_900,
      billingPeriod: 'monthly',
      maxUsers: 1,
      mailCredits: 100,
      groupIds: [group('crm').id],
    });
    expect(created.status).toBe(201);
    expect((await api('DELETE', `/api/admin/plans/${created.body.plan.id}`)).status).toBe(200);
    const entries = (
      await api<{ entries: { action: string; before: unknown; after: unknown }[] }>(
        'GET',
        '/api/admin/audit?target=plan:solo',
      )
    ).body.entries;
    expect(entries.map((e) => e.action)).toEqual(['plan.delete', 'plan.create']);
    expect(entries[1]).toMatchObject({ before: null, after: { key: 'solo', pricePaise: 49_900 } });
    expect(entries[0]).toMatchObject({ before: { key: 'solo' }, after: null });
  });
});
