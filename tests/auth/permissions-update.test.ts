import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { requirePermission, requireSession } from '../../sync-server/auth/middleware';
import * as c from '../../sync-server/db/central-schema';
import { createApp } from '../../sync-server/http/app';
import { routeModules } from '../../sync-server/http/routes';
import { requireTenant } from '../../sync-server/http/tenant-context';
import type { BusEvent } from '../../sync-server/platform/bus';
import { mintTenantToken } from '../../sync-server/tenancy/central-api';
import {
  centralClient,
  updateTenantPermissions,
} from '../../sync-server/tenancy/permissions-update';
import {
  createTestPlatform,
  testEnv,
  type TestPlatform,
  type TestTenant,
} from '../helpers/platform';

const run = promisify(execFile);

interface Me {
  permissions: string[];
  modules: string[];
  plan: { key: string };
}

let t: TestPlatform;
let acme: TestTenant;
let token = '';

beforeAll(async () => {
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  await t.tenant('globex');
  const res = await t.request(acme.host, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: acme.ownerEmail, password: acme.ownerPassword }),
  });
  token = ((await res.json()) as { token: string }).token;
});

afterAll(async () => {
  await t.cleanup();
});

// A route that needs an accounting permission, mounted beside the real ones.
const app = () =>
  createApp(t.p, {
    modules: [
      ...routeModules,
      (a, p) =>
        a.get(
          '/api/test/ledger',
          requireTenant(p),
          requireSession(p),
          requirePermission('accounting.read'),
          (ctx) => ctx.json({ ok: true }),
        ),
    ],
  });

async function me(): Promise<Me> {
  const res = await t.request(acme.host, '/api/me', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Me;
}

async function ledgerStatus(): Promise<number> {
  const res = await app().request('http://acme.localhost/api/test/ledger', {
    headers: { host: acme.host, authorization: `Bearer ${token}` },
  });
  return res.status;
}

async function movePlan(slug: string, planKey: string): Promise<void> {
  const [plan] = await t.p.central.select().from(c.plans).where(eq(c.plans.key, planKey));
  await t.p.central.update(c.tenants).set({ planId: plan!.id }).where(eq(c.tenants.slug, slug));
}

function permissionsUrl(slug: string, bearer?: string): Promise<Response> {
  return t.request(
    'localhost',
    `/api/central/tenants/${slug}/permissions`,
    bearer === undefined ? {} : { headers: { authorization: `Bearer ${bearer}` } },
  );
}

describe('permissions:update', () => {
  it('T-10 T-11: a plan change takes accounting away from the owner, and tells every node', async () => {
    const before = await me();
    expect(before.permissions).toContain('accounting.read');
    expect(await ledgerStatus()).toBe(200);
    const events: BusEvent[] = [];
    const unsubscribe = await t.p.bus.subscribe('acme', (_s, e) => events.push(e));

    await movePlan('acme', 'starter');
    const r = await updateTenantPermissions(
      t.p,
      centralClient(t.p, () => t.app),
      'acme',
    );
    await expect.poll(() => events.length).toBeGreaterThanOrEqual(2);
    await unsubscribe();
    const after = await me();

    expect(r.ok).toBe(true);
    expect(after.plan.key).toBe('starter');
    expect(after.modules).toEqual(['crm', 'tasks']);
    expect(after.permissions).not.toContain('accounting.read');
    expect(after.permissions).not.toContain('invoices.post');
    expect(after.permissions).toContain('deals.update');
    expect(after.permissions).toContain('users.manage');
    expect(await ledgerStatus()).toBe(403);
    expect(events).toEqual(expect.arrayContaining([{ type: 'permissions' }, { type: 'poke' }]));
  });

  it('T-11: the CLI command applies a plan change too', async () => {
    await movePlan('acme', 'growth');
    const env = testEnv({ prefix: t.prefix, dataDir: t.dataDir, masterKeyB64: t.masterKeyB64 }).env;

    const { stdout } = await run(
      'npm',
      ['run', '--silent', 'focus', '--', 'permissions:update', 'acme'],
      { env, cwd: process.cwd() },
    );
    const after = await me();

    expect(stdout).toMatch(/acme: plan growth/);
    expect(after.modules).toEqual(['accounting', 'campaigns', 'crm', 'tasks']);
    expect(after.permissions).toContain('accounting.read');
    expect(after.permissions).not.toContain('production.read');
    expect(await ledgerStatus()).toBe(200);
  });

  it('T-12: a refused token changes nothing', async () => {
    await movePlan('acme', 'starter');
    const forged = await new SignJWT({ scope: 'plan:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('focusapp-central')
      .setAudience('tenant:acme')
      .setExpirationTime('1m')
      .sign(randomBytes(32));

    const r = await updateTenantPermissions(
      t.p,
      centralClient(t.p, () => t.app),
      'acme',
      { token: forged },
    );

    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.error.code).toBe('unauthenticated');
    expect((await me()).plan.key).toBe('growth');
  });
});

describe('central permissions API', () => {
  it('T-12: serves the plan for a valid token naming the tenant', async () => {
    const res = await permissionsUrl('acme', await mintTenantToken(t.p, 'acme'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { planKey: string }).planKey).toEqual(expect.any(String));
  });

  it('T-12: refuses no token, a token signed with another key, for another tenant, or expired (401)', async () => {
    const wrongKey = await new SignJWT({ scope: 'plan:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('focusapp-central')
      .setAudience('tenant:acme')
      .setExpirationTime('1m')
      .sign(randomBytes(32));
    const otherTenant = await mintTenantToken(t.p, 'globex');
    const expired = await mintTenantToken(t.p, 'acme', -5);

    const statuses = [
      (await permissionsUrl('acme')).status,
      (await permissionsUrl('acme', 'not-a-jwt')).status,
      (await permissionsUrl('acme', wrongKey)).status,
      (await permissionsUrl('acme', otherTenant)).status,
      (await permissionsUrl('acme', expired)).status,
    ];

    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect((await permissionsUrl('globex', otherTenant)).status).toBe(200);
  });

  it('T-12: is not served on a tenant host', async () => {
    const res = await t.request(acme.host, '/api/central/tenants/acme/permissions', {
      headers: { authorization: `Bearer ${await mintTenantToken(t.p, 'acme')}` },
    });
    expect(res.status).toBe(404);
  });
});
