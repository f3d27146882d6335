import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sessionCookieOptions } from '../../sync-server/auth/cookie';
import { loadConfig } from '../../sync-server/config';
import type { BusEvent } from '../../sync-server/platform/bus';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';

interface LoginReply {
  token: string;
  limited: boolean;
  user: { id: string; email: string; name: string; roles: string[]; permissions: string[] };
}

let t: TestPlatform;
let acme: TestTenant;
let globex: TestTenant;

beforeAll(async () => {
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  globex = await t.tenant('globex', { plan: 'starter' });
});

afterAll(async () => {
  await t.cleanup();
});

function login(host: string, body: unknown): Promise<Response> {
  return t.request(host, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function signIn(tenant: TestTenant): Promise<LoginReply> {
  const res = await login(tenant.host, {
    email: tenant.ownerEmail,
    password: tenant.ownerPassword,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as LoginReply;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('POST /api/auth/login', () => {
  it('T-8: signs the owner in and returns an opaque token with the user, roles and permissions', async () => {
    const res = await login(acme.host, { email: 'Owner@Acme.test', password: acme.ownerPassword });

    expect(res.status).toBe(200);
    const body = (await res.json()) as LoginReply;
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.limited).toBe(false);
    expect(body.user).toMatchObject({ email: 'owner@acme.test', roles: ['owner'] });
    expect(body.user.permissions).toContain('deals.update');
    expect(body.user.permissions).toContain('users.manage');
    expect(body.user.permissions).toEqual([...body.user.permissions].sort());
  });

  it('T-8: sets an HttpOnly SameSite=Lax host-only cookie holding the same token', async () => {
    const res = await login(acme.host, { email: acme.ownerEmail, password: acme.ownerPassword });
    const body = (await res.json()) as LoginReply;

    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`focus_session=${body.token}`);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookie).not.toMatch(/; Secure/);
  });

  it('T-8: the cookie is Secure in production', () => {
    const production = loadConfig({ NODE_ENV: 'production', FOCUS_MASTER_KEY: t.masterKeyB64 });
    expect(sessionCookieOptions(production)).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    });
    expect(sessionCookieOptions(t.config).secure).toBe(false);
  });

  it('refuses a wrong password and an unknown e-mail with the same generic 401', async () => {
    const wrong = await login(acme.host, { email: acme.ownerEmail, password: 'not-the-password' });
    const unknown = await login(acme.host, {
      email: 'nobody@acme.test',
      password: 'not-the-password',
    });

    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.json()) as { detail: string };
    const b = (await unknown.json()) as { detail: string };
    expect(a.detail).toBe('E-mail or password is not right');
    expect(b.detail).toBe(a.detail);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('answers 400 with the bad fields for a malformed body', async () => {
    const res = await login(acme.host, { email: 'not-an-address', password: '' });

    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as { code: string; details: { issues: { path: string }[] } };
    expect(body.code).toBe('validation');
    expect(body.details.issues.map((i) => i.path).sort()).toEqual(['email', 'password']);
  });

  it('answers 400 when the body is not JSON', async () => {
    const res = await t.request(acme.host, '/api/auth/login', { method: 'POST', body: 'email=x' });
    expect(res.status).toBe(400);
  });

  it('T-13: refuses a sign-in posted from another origin', async () => {
    const res = await t.request(acme.host, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ email: acme.ownerEmail, password: acme.ownerPassword }),
    });
    const same = await t.request(acme.host, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://${acme.host}` },
      body: JSON.stringify({ email: acme.ownerEmail, password: acme.ownerPassword }),
    });

    expect(res.status).toBe(403);
    expect(same.status).toBe(200);
  });

  it('is not served on the central host', async () => {
    const res = await login('localhost', { email: acme.ownerEmail, password: acme.ownerPassword });
    expect(res.status).toBe(404);
  });
});

describe('sessions across tenants', () => {
  it('T-9: a session of tenant A is refused on tenant B (401), by bearer token and by cookie', async () => {
    const { token } = await signIn(acme);

    const own = await t.request(acme.host, '/api/me', { headers: bearer(token) });
    const asBearer = await t.request(globex.host, '/api/me', { headers: bearer(token) });
    const asCookie = await t.request(globex.host, '/api/me', {
      headers: { cookie: `focus_session=${token}` },
    });

    expect(own.status).toBe(200);
    expect(asBearer.status).toBe(401);
    expect(asCookie.status).toBe(401);
  });

  it("T-9: tenant B's own owner credentials do not sign in on tenant A", async () => {
    const res = await login(acme.host, {
      email: globex.ownerEmail,
      password: globex.ownerPassword,
    });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/me', () => {
  it('answers 401 without a session and with a made-up token', async () => {
    expect((await t.request(acme.host, '/api/me')).status).toBe(401);
    const forged = await t.request(acme.host, '/api/me', { headers: bearer('x'.repeat(43)) });
    expect(forged.status).toBe(401);
  });

  it('T-10: returns the user, roles, sorted permissions, plan modules, plan and tenant', async () => {
    const { token } = await signIn(globex);
    const res = await t.request(globex.host, '/api/me', { headers: bearer(token) });

    expect(res.status).toBe(200);
    const me = (await res.json()) as Record<string, unknown> & { permissions: string[] };
    expect(me).toMatchObject({
      user: { email: 'owner@globex.test' },
      roles: ['owner'],
      modules: ['crm', 'tasks'],
      plan: { key: 'starter', name: 'Starter' },
      tenant: { slug: 'globex', name: 'globex Ltd' },
      limited: false,
    });
    expect(me.permissions).toEqual([...me.permissions].sort());
    expect(me.permissions).toContain('contacts.read');
    expect(me.permissions).toContain('users.manage');
    expect(me.permissions).not.toContain('accounting.read');
  });

  it('PATCH /api/me changes the name and refuses unknown fields', async () => {
    const { token } = await signIn(acme);
    const headers = { ...bearer(token), 'content-type': 'application/json' };

    const ok = await t.request(acme.host, '/api/me', {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ name: 'Asha Rao' }),
    });
    const bad = await t.request(acme.host, '/api/me', {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ email: 'x@y.z' }),
    });
    const me = (await (await t.request(acme.host, '/api/me', { headers })).json()) as {
      user: { name: string };
    };

    expect(ok.status).toBe(204);
    expect(bad.status).toBe(400);
    expect(me.user.name).toBe('Asha Rao');
  });
});

describe('logout and own sessions', () => {
  it('T-8: logout revokes the session, clears the cookie and tells sockets to close', async () => {
    const { token } = await signIn(acme);
    const events: BusEvent[] = [];
    const unsubscribe = await t.p.bus.subscribe('acme', (_slug, e) => events.push(e));
    const me = (await (
      await t.request(acme.host, '/api/auth/sessions', { headers: bearer(token) })
    ).json()) as {
      sessions: { id: string; current: boolean }[];
    };
    const current = me.sessions.find((s) => s.current);

    const res = await t.request(acme.host, '/api/auth/logout', {
      method: 'POST',
      headers: bearer(token),
    });
    await expect.poll(() => events.length).toBeGreaterThan(0);
    await unsubscribe();

    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^focus_session=;.*Max-Age=0/);
    expect(events).toContainEqual({ type: 'session-revoked', sessionId: current?.id });
    expect((await t.request(acme.host, '/api/me', { headers: bearer(token) })).status).toBe(401);
  });

  it("lists own sessions and revokes another one of them; someone else's is not found", async () => {
    const first = await signIn(acme);
    const second = await signIn(acme);
    const list = (await (
      await t.request(acme.host, '/api/auth/sessions', { headers: bearer(second.token) })
    ).json()) as {
      sessions: { id: string; current: boolean }[];
    };
    const other = list.sessions.find((s) => !s.current);
    expect(list.sessions.filter((s) => s.current)).toHaveLength(1);
    expect(other).toBeDefined();

    const del = await t.request(acme.host, `/api/auth/sessions/${other?.id}`, {
      method: 'DELETE',
      headers: bearer(second.token),
    });
    const again = await t.request(acme.host, `/api/auth/sessions/${other?.id}`, {
      method: 'DELETE',
      headers: bearer(second.token),
    });

    expect(del.status).toBe(204);
    expect(again.status).toBe(404);
    const stillFirst = await t.request(acme.host, '/api/me', { headers: bearer(first.token) });
    const stillSecond = await t.request(acme.host, '/api/me', { headers: bearer(second.token) });
    expect([stillFirst.status, stillSecond.status].sort()).toEqual([200, 401]);
  });

  it('T-13: a cookie-authenticated logout from another origin is refused', async () => {
    const { token } = await signIn(acme);
    const res = await t.request(acme.host, '/api/auth/logout', {
      method: 'POST',
      headers: { cookie: `focus_session=${token}`, origin: 'http://evil.example' },
    });
    const same = await t.request(acme.host, '/api/auth/logout', {
      method: 'POST',
      headers: { cookie: `focus_session=${token}`, origin: `http://${acme.host}` },
    });

    expect(res.status).toBe(403);
    expect(same.status).toBe(204);
  });
});
