import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { AuditView, TenantView } from '../../shared/api/admin';
import { findTenantBySlug } from '../../sync-server/tenancy/tenant-record';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import { ADMIN_HOST, adminClient, adminLogin, makeAdmin, type TestAdmin } from './admin-helpers';

let t: TestPlatform;
let admin: TestAdmin;
let api: ReturnType<typeof adminClient>;

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme', { plan: 'starter' });
  admin = await makeAdmin(t);
  api = adminClient(t, await adminLogin(t, admin));
});
afterAll(() => t.cleanup());

async function audit(query: string): Promise<AuditView[]> {
  const r = await api<{ entries: AuditView[] }>('GET', `/api/admin/audit${query}`);
  expect(r.status).toBe(200);
  return r.body.entries;
}

/** Read the SSE progress stream to its end and return the event names in order. */
async function progressEvents(slug: string, token: string): Promise<string[]> {
  const res = await t.request(ADMIN_HOST, `/api/admin/tenants/${slug}/progress`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const text = await res.text();
  return [...text.matchAll(/^data: (.*)$/gm)].map((m) => {
    const e = JSON.parse(m[1]!) as { type: string; step?: string };
    return e.type === 'step' ? `step:${e.step}` : e.type;
  });
}

describe('tenants in the console (docs/admin.md, A-5, A-8)', () => {
  test('lists tenants with plan, database host and usage; search and filters narrow it', async () => {
    const all = await api<{ tenants: TenantView[] }>('GET', '/api/admin/tenants');
    expect(all.status).toBe(200);
    const acme = all.body.tenants.find((x) => x.slug === 'acme')!;
    expect(acme.plan.key).toBe('starter');
    expect(acme.status).toBe('active');
    expect(acme.usage.users).toBe(1);
    expect(acme.usage.storageBytes).toBeGreaterThan(0);
    expect(acme.usage.mailCreditsPerMonth).toBe(1000);
    expect(acme.dbHost).toMatch(/:3306$|127\.0\.0\.1/);
    expect(
      (await api<{ tenants: TenantView[] }>('GET', '/api/admin/tenants?q=acm')).body.tenants.map(
        (x) => x.slug,
      ),
    ).toEqual(['acme']);
    expect(
      (await api<{ tenants: TenantView[] }>('GET', '/api/admin/tenants?plan=growth')).body.tenants,
    ).toEqual([]);
    expect(
      (await api<{ tenants: TenantView[] }>('GET', '/api/admin/tenants?status=suspended')).body
        .tenants,
    ).toEqual([]);
  });

  test('provisions through provisionTenant and streams each step live, then audits it', async () => {
    const token = await adminLogin(t, await makeAdmin(t, 'prov@focus.test'));
    const started = await adminClient(t, token)('POST', '/api/admin/tenants', {
      slug: 'beta',
      name: 'Beta Traders',
      plan: 'growth',
      ownerEmail: 'owner@beta.test',
      ownerPassword: 'correct-horse-battery',
    });
    expect(started.status).toBe(202);
    const events = await progressEvents('beta', token);
    expect(events).toEqual([
      'step:database',
      'step:user',
      'step:migrate',
      'step:seed',
      'step:owner',
      'done',
    ]);
    expect((await findTenantBySlug(t.p.central, 'beta'))?.status).toBe('active');
    const [entry] = await audit('?action=tenant.provision&target=tenant:beta');
    expect(entry?.before).toBeNull();
    expect(entry?.after).toMatchObject({ slug: 'beta', plan: 'growth', status: 'active' });
    expect(entry?.adminEmail).toBe('prov@focus.test');
  });

  test('suspend and resume are audited with the status before and after', async () => {
    expect(
      (await api('POST', '/api/admin/tenants/acme/suspend', { reason: 'unpaid' })).status,
    ).toBe(200);
    expect((await t.request('acme.localhost', '/api/me')).status).toBe(423);
    expect((await api('POST', '/api/admin/tenants/acme/resume', {})).status).toBe(200);
    const [resume, suspend] = await audit('?target=tenant:acme&action=tenant.');
    expect(suspend).toMatchObject({
      action: 'tenant.suspend',
      adminId: admin.id,
      adminEmail: admin.email,
      before: { status: 'active' },
      after: { status: 'suspended', reason: 'unpaid' },
    });
    expect(resume).toMatchObject({
      action: 'tenant.resume',
      before: { status: 'suspended' },
      after: { status: 'active' },
    });
    expect(suspend?.requestId).toMatch(/^[0-9A-Z]{26}$/);
  });

  test('delete needs the slug typed back; with it the tenant is gone and audited', async () => {
    const unconfirmed = await api('DELETE', '/api/admin/tenants/beta', { confirm: 'acme' });
    expect(unconfirmed.status).toBe(400);
    expect(await findTenantBySlug(t.p.central, 'beta')).not.toBeNull();
    const deleted = await api('DELETE', '/api/admin/tenants/beta', { confirm: 'beta' });
    expect(deleted.status).toBe(200);
    expect(await findTenantBySlug(t.p.central, 'beta')).toBeNull();
    const [entry] = await audit('?action=tenant.delete');
    expect(entry).toMatchObject({
      target: 'tenant:beta',
      before: { slug: 'beta', status: 'active' },
      after: null,
    });
  });

  test('permissions:update and migrations run for one tenant or all, each audited', async () => {
    const one = await api<{ results: { slug: string; state: string }[] }>(
      'POST',
      '/api/admin/tenants/acme/permissions-update',
    );
    expect(one.body.results).toEqual([expect.objectContaining({ slug: 'acme', state: 'ok' })]);
    const all = await api<{ results: { slug: string; ok: boolean }[] }>(
      'POST',
      '/api/admin/migrate',
    );
    expect(all.body.results).toEqual([expect.objectContaining({ slug: 'acme', ok: true })]);
    expect((await audit('?action=permissions.update'))[0]?.target).toBe('tenant:acme');
    expect((await audit('?action=tenant.migrate'))[0]?.target).toBe('tenants:all');
  });

  test('the audit log filters by time and refuses changes at the database', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(await audit(`?from=${encodeURIComponent(future)}`)).toEqual([]);
    expect((await audit('?to=2000-01-01')).length).toBe(0);
    expect((await audit('?action=admin.login')).length).toBeGreaterThanOrEqual(2);
    await expect(
      t.p.centralPool.query('UPDATE audit_log SET action = ?', ['forged']),
    ).rejects.toThrow(/append-only/);
    await expect(t.p.centralPool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});
