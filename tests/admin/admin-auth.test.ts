import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { totpCode } from '../../sync-server/admin/totp';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';
import { ADMIN_HOST, adminLogin, makeAdmin, type TestAdmin } from './admin-helpers';

let t: TestPlatform;
let acme: TestTenant;
let admin: TestAdmin;

beforeAll(async () => {
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  admin = await makeAdmin(t);
});
afterAll(() => t.cleanup());

const login = (body: Record<string, unknown>, host = ADMIN_HOST) =>
  t.request(host, '/api/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function tenantOwnerToken(): Promise<string> {
  const res = await t.request(acme.host, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: acme.ownerEmail, password: acme.ownerPassword }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe('admin sign-in (docs/admin.md, A-3, A-4)', () => {
  test('A-3: the TOTP code is required: missing or wrong is 401', async () => {
    const missing = await login({ email: admin.email, password: admin.password });
    expect(missing.status).toBe(401);
    const right = totpCode(admin.secret, t.p.now());
    const wrongCode = `${right.slice(0, 5)}${(Number(right[5]) + 1) % 10}`;
    const wrong = await login({ email: admin.email, password: admin.password, totp: wrongCode });
    expect(wrong.status).toBe(401);
    const badPassword = await login({
      email: admin.email,
      password: 'not-the-password',
      totp: totpCode(admin.secret, t.p.now()),
    });
    expect(badPassword.status).toBe(401);
  });

  test('A-3: password and current code give a session token and a strict HttpOnly cookie', async () => {
    const res = await login({
      email: admin.email,
      password: admin.password,
      totp: totpCode(admin.secret, t.p.now()),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; admin: { email: string } };
    expect(body.admin.email).toBe(admin.email);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^focus_admin_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await t.request(ADMIN_HOST, '/api/admin/me', {
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(me.status).toBe(200);
  });

  test('A-4: the same TOTP code cannot sign in twice', async () => {
    const other = await makeAdmin(t, 'replay@focus.test');
    const totp = totpCode(other.secret, t.p.now());
    expect((await login({ email: other.email, password: other.password, totp })).status).toBe(200);
    expect((await login({ email: other.email, password: other.password, totp })).status).toBe(401);
  });

  test('A-1: there is no admin login on a tenant host', async () => {
    const res = await login(
      { email: admin.email, password: admin.password, totp: totpCode(admin.secret, t.p.now()) },
      acme.host,
    );
    expect(res.status).toBe(404);
  });
});

describe('sessions stay on their own side (docs/admin.md, A-1, A-2)', () => {
  test('A-1: an admin session is refused on a tenant host', async () => {
    const second = await makeAdmin(t, 'second@focus.test');
    const token = await adminLogin(t, second);
    const adminApi = await t.request(acme.host, '/api/admin/tenants', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(adminApi.status).toBe(404);
    const viaCookie = await t.request(acme.host, '/api/admin/me', {
      headers: { cookie: `focus_admin_session=${token}` },
    });
    expect(viaCookie.status).toBe(404);
    const tenantApi = await t.request(acme.host, '/api/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(tenantApi.status).toBe(401);
  });

  test('A-2: a tenant owner session is refused on the admin host', async () => {
    const token = await tenantOwnerToken();
    const ownOk = await t.request(acme.host, '/api/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ownOk.status).toBe(200);
    const bearer = await t.request(ADMIN_HOST, '/api/admin/tenants', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.status).toBe(401);
    const asAdminCookie = await t.request(ADMIN_HOST, '/api/admin/me', {
      headers: { cookie: `focus_admin_session=${token}` },
    });
    expect(asAdminCookie.status).toBe(401);
    const tenantCookie = await t.request(ADMIN_HOST, '/api/admin/me', {
      headers: { cookie: `focus_session=${token}` },
    });
    expect(tenantCookie.status).toBe(401);
  });

  test('A-5: a cookie-authenticated admin request from another origin is refused', async () => {
    const third = await makeAdmin(t, 'third@focus.test');
    const token = await adminLogin(t, third);
    const cross = await t.request(ADMIN_HOST, '/api/admin/logout', {
      method: 'POST',
      headers: { cookie: `focus_admin_session=${token}`, origin: 'http://evil.test' },
    });
    expect(cross.status).toBe(403);
    const same = await t.request(ADMIN_HOST, '/api/admin/logout', {
      method: 'POST',
      headers: { cookie: `focus_admin_session=${token}`, origin: `http://${ADMIN_HOST}` },
    });
    expect(same.status).toBe(200);
    const after = await t.request(ADMIN_HOST, '/api/admin/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
  });

  // Last: it uses up this file's per-address sign-in budget.
  test('A-3: sign-in attempts are rate-limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push(
        (await login({ email: 'nobody@focus.test', password: 'wrong-password-x', totp: '123456' }))
          .status,
      );
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 429 && s !== 401)).toEqual([]);
  });
});
