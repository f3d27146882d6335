import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FAILED_LOGIN_PER_ADDRESS } from '../../sync-server/auth/login';
import { hostRequest } from '../../sync-server/http/host-client';
import type { AppEnv } from '../../sync-server/http/tenant-context';
import { clientAddress, UNKNOWN_ADDRESS } from '../../sync-server/security/client-address';
import { limiterFor, rateLimit } from '../../sync-server/security/rate-limit';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';

let t: TestPlatform;
let acme: TestTenant;
let initech: TestTenant;

beforeAll(async () => {
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  initech = await t.tenant('initech');
});

afterAll(async () => {
  await t.cleanup();
});

function login(host: string, email: string, password: string): Promise<Response> {
  return t.request(host, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

async function failTimes(n: number, email: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++)
    statuses.push((await login(acme.host, email, 'wrong-password-1')).status);
  return statuses;
}

describe('failed sign-ins per account', () => {
  // In-process requests share one address key; clear it so only the account count is tested.
  beforeEach(async () => {
    await limiterFor(t.p, 'acme').reset(FAILED_LOGIN_PER_ADDRESS, UNKNOWN_ADDRESS);
  });

  it('answers 429 with Retry-After after five failures, even for the right password', async () => {
    const email = 'sales@acme.test';
    expect(await failTimes(5, email)).toEqual([401, 401, 401, 401, 401]);

    const res = await login(acme.host, email, 'wrong-password-1');

    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    const body = (await res.json()) as { code: string; details: { retryAfterSeconds: number } };
    expect(body.code).toBe('rate_limited');
    expect(body.details.retryAfterSeconds).toBe(retry);
  });

  it('locks the account out for the right password too, and only that account', async () => {
    const manager = await createUser('manager@acme.test');
    await failTimes(5, manager.email);

    expect((await login(acme.host, manager.email, manager.password)).status).toBe(429);
    expect((await login(acme.host, acme.ownerEmail, acme.ownerPassword)).status).toBe(200);
  });

  it('a successful sign-in clears the account count', async () => {
    const rep = await createUser('rep@acme.test');
    await failTimes(4, rep.email);
    expect((await login(acme.host, rep.email, rep.password)).status).toBe(200);

    expect(await failTimes(4, rep.email)).toEqual([401, 401, 401, 401]);
    expect((await login(acme.host, rep.email, rep.password)).status).toBe(200);
  });

  it('counts parallel attempts exactly: of ten at once, five are checked and five refused', async () => {
    const email = 'parallel@acme.test';
    const all = await Promise.all(
      Array.from({ length: 10 }, () => login(acme.host, email, 'wrong-password-1')),
    );
    const statuses = all.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('successful sign-ins do not count against the address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await login(acme.host, acme.ownerEmail, acme.ownerPassword)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('counts per tenant: a lock-out on one tenant does not reach the same e-mail on another', async () => {
    const email = 'shared@example.test';
    expect(await failTimes(5, email)).toEqual([401, 401, 401, 401, 401]);
    expect((await login(acme.host, email, 'x-password-1')).status).toBe(429);
    expect((await login(initech.host, email, 'x-password-1')).status).toBe(401);
  });
});

describe('failed sign-ins per client address', () => {
  it('answers 429 after twenty failures from one socket address, whichever accounts they name', async () => {
    const server = await t.listen();
    const attempt = (i: number) =>
      hostRequest(server.url, initech.host, '/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `guess${i}@initech.test`, password: 'wrong-password-1' }),
      });

    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await attempt(i)).status);
    const blocked = await attempt(99);

    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // In-process requests have no socket and count under another key.
    expect((await login(initech.host, initech.ownerEmail, initech.ownerPassword)).status).toBe(200);
  });
});

describe('client address', () => {
  function probe(trustProxy: boolean) {
    const app = new Hono();
    app.get('/', (c) => c.text(clientAddress(c, { trustProxy })));
    return app;
  }

  it('trusts X-Forwarded-For only when told to, and then only its last entry', async () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' };
    expect(await (await probe(true).request('/', { headers })).text()).toBe('203.0.113.7');
    expect(await (await probe(false).request('/', { headers })).text()).toBe(UNKNOWN_ADDRESS);
    expect(await (await probe(true).request('/')).text()).toBe(UNKNOWN_ADDRESS);
  });
});

describe('general limiter', () => {
  const rule = { name: 'test-rule', limit: 3, windowMs: 60_000 };

  it('counts hits in Redis, peeks without counting, and resets', async () => {
    const limiter = limiterFor(t.p, 'acme');

    const hits = [];
    for (let i = 0; i < 4; i++) hits.push((await limiter.hit(rule, 'key-a')).allowed);
    const peekA = await limiter.peek(rule, 'key-a');
    const peekB = await limiter.peek(rule, 'key-b');
    await limiter.reset(rule, 'key-a');

    expect(hits).toEqual([true, true, true, false]);
    expect(peekA).toMatchObject({ allowed: false, count: 4 });
    expect(peekB).toMatchObject({ allowed: true, count: 0 });
    expect((await limiter.peek(rule, 'key-a')).count).toBe(0);
    expect(await t.p.redis.keys(`${t.prefix}acme:rl:test-rule:*`)).toHaveLength(0);
  });

  it('keeps counted identifiers out of Redis keys', async () => {
    await limiterFor(t.p, 'acme').hit(rule, 'person@example.test');
    const keys = await t.p.redis.keys(`${t.prefix}acme:rl:*`);
    expect(keys.some((k) => k.includes('person@example.test'))).toBe(false);
  });

  it('as middleware answers 429 with Retry-After once the limit is used up', async () => {
    const app = new Hono<AppEnv>();
    app.use(
      '/limited',
      rateLimit(t.p, { name: 'mw-test', limit: 2, windowMs: 60_000 }, () => 'caller'),
    );
    app.get('/limited', (c) => c.text('ok'));
    const call = () => app.request('/limited', { headers: { host: 'acme.localhost' } });

    const statuses = [(await call()).status, (await call()).status];
    const third = await call();

    expect(statuses).toEqual([200, 200]);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

async function createUser(email: string): Promise<{ email: string; password: string }> {
  const password = 'a-long-password-9';
  const owner = (await (await login(acme.host, acme.ownerEmail, acme.ownerPassword)).json()) as {
    token: string;
  };
  const res = await t.request(acme.host, '/api/users', {
    method: 'POST',
    headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: email, password, roles: ['sales_rep'] }),
  });
  expect(res.status).toBe(201);
  return { email, password };
}
