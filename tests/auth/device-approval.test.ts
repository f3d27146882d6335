import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CODE_TTL_MS } from '../../sync-server/auth/device-approval';
import { tenantDbName } from '../../sync-server/tenancy/provision';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';

interface LoginReply {
  token: string;
  limited: boolean;
}
interface Problem {
  code: string;
  details?: { reason?: string; attemptsLeft?: number };
}

// The platform clock is ours to move: code expiry is checked against it, never against a sleep.
let clock = Date.parse('2026-04-01T09:00:00Z');
let t: TestPlatform;
let acme: TestTenant;
let ownerToken = '';
const PASSWORD = 'a-long-password-9';

beforeAll(async () => {
  t = await createTestPlatform({ now: () => new Date(clock) });
  acme = await t.tenant('acme', { deviceApproval: true });
  const owner = await login(acme.ownerEmail, acme.ownerPassword, 'owner-laptop-0001');
  const verified = await verify(owner.token, latestCode(acme.ownerEmail));
  expect(verified.status).toBe(200);
  ownerToken = owner.token;
});

afterAll(async () => {
  await t.cleanup();
});

async function login(email: string, password: string, deviceId?: string): Promise<LoginReply> {
  const res = await t.request(acme.host, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      deviceId === undefined ? { email, password } : { email, password, deviceId },
    ),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as LoginReply;
}

function post(token: string, path: string, body?: unknown): Promise<Response> {
  return t.request(acme.host, path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const verify = (token: string, code: string) => post(token, '/api/auth/device/verify', { code });
const get = (token: string, path: string) =>
  t.request(acme.host, path, { headers: { authorization: `Bearer ${token}` } });

function mailsTo(email: string) {
  return t.outbox().filter((m) => m.to === email);
}

function latestCode(email: string): string {
  const text = mailsTo(email).at(-1)?.text ?? '';
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no code mailed to ${email}`);
  return code;
}

/** A different six-digit code than the one mailed. */
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

let users = 0;
async function newUser(): Promise<string> {
  const email = `user${++users}@acme.test`;
  const res = await post(ownerToken, '/api/users', {
    email,
    name: `User ${users}`,
    password: PASSWORD,
    roles: ['manager'],
  });
  expect(res.status).toBe(201);
  return email;
}

async function rootQuery(sql: string): Promise<Record<string, unknown>[]> {
  const [rows] = await t.p.adminPools
    .get('primary')!
    .query(sql.replace('$db', tenantDbName(t.prefix, 'acme')));
  return rows as Record<string, unknown>[];
}

describe('new-device approval', () => {
  it('a sign-in from an unknown device gets a limited session and a six-digit code by e-mail', async () => {
    const email = await newUser();
    const before = mailsTo(email).length;

    const session = await login(email, PASSWORD, 'phone-aaaa-0001');

    expect(session.limited).toBe(true);
    const mails = mailsTo(email);
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)?.text).toMatch(/\b\d{6}\b/);
    expect(mails.at(-1)?.subject).not.toMatch(/\d{6}/);
  });

  it('a limited session reads /api/me but gets 403 device_approval_required elsewhere', async () => {
    const email = await newUser();
    const { token } = await login(email, PASSWORD, 'phone-bbbb-0001');

    const me = await get(token, '/api/me');
    const refused = [
      await get(token, '/api/users'),
      await get(token, '/api/auth/sessions'),
      await t.request(acme.host, '/api/me', {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Changed' }),
      }),
    ];

    expect(me.status).toBe(200);
    expect(((await me.json()) as { limited: boolean }).limited).toBe(true);
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as Problem).details?.reason).toBe('device_approval_required');
    }
  });

  it('the right code approves the device and lifts the limit; the device is then known', async () => {
    const email = await newUser();
    const { token } = await login(email, PASSWORD, 'phone-cccc-0001');

    const wrong = await verify(token, wrongCode(latestCode(email)));
    const right = await verify(token, latestCode(email));
    const again = await login(email, PASSWORD, 'phone-cccc-0001');
    const mailsAfter = mailsTo(email).length;

    expect(wrong.status).toBe(400);
    expect((await wrong.json()) as Problem).toMatchObject({
      details: { reason: 'wrong_code', attemptsLeft: 4 },
    });
    expect(right.status).toBe(200);
    expect((await get(token, '/api/auth/sessions')).status).toBe(200);
    expect(again.limited).toBe(false);
    expect(mailsTo(email)).toHaveLength(mailsAfter);
  });

  it('a code works once: the approved session cannot use it again', async () => {
    const email = await newUser();
    const { token } = await login(email, PASSWORD, 'phone-dddd-0001');
    const code = latestCode(email);

    expect((await verify(token, code)).status).toBe(200);
    expect((await verify(token, code)).status).toBe(409);
  });

  it('a code is bound to its sign-in: another limited session cannot use it', async () => {
    const email = await newUser();
    const first = await login(email, PASSWORD, 'phone-eeee-0001');
    const firstCode = latestCode(email);
    const second = await login(email, PASSWORD, 'phone-eeee-0002');

    const res = await verify(second.token, firstCode);

    expect(res.status).toBe(400);
    expect((await verify(first.token, firstCode)).status).toBe(200);
  });

  it('an expired code is refused; a resent code works', async () => {
    const email = await newUser();
    const { token } = await login(email, PASSWORD, 'phone-ffff-0001');
    const code = latestCode(email);

    clock += CODE_TTL_MS + 1000;
    const expired = await verify(token, code);
    const resent = await post(token, '/api/auth/device/resend');
    const fresh = await verify(token, latestCode(email));

    expect(expired.status).toBe(400);
    expect(((await expired.json()) as Problem).details?.reason).toBe('code_expired');
    expect(resent.status).toBe(200);
    expect(fresh.status).toBe(200);
  });

  it('after five wrong codes even the right one is refused until a new code is sent', async () => {
    const email = await newUser();
    const { token } = await login(email, PASSWORD, 'phone-gggg-0001');
    const code = latestCode(email);

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await verify(token, wrongCode(code))).status);
    const locked = await verify(token, code);

    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as Problem).details?.reason).toBe('too_many_attempts');
    expect((await post(token, '/api/auth/device/resend')).status).toBe(200);
    expect((await verify(token, latestCode(email))).status).toBe(200);
  });

  it('code entries are throttled per user across sign-ins, and resends per session', async () => {
    const email = await newUser();
    const first = await login(email, PASSWORD, 'phone-hhhh-0001');
    for (let i = 0; i < 5; i++) await verify(first.token, wrongCode(latestCode(email)));
    const second = await login(email, PASSWORD, 'phone-hhhh-0002');
    for (let i = 0; i < 5; i++) await verify(second.token, wrongCode(latestCode(email)));

    const third = await login(email, PASSWORD, 'phone-hhhh-0003');
    const throttled = await verify(third.token, latestCode(email));
    const resends = [];
    for (let i = 0; i < 4; i++)
      resends.push((await post(third.token, '/api/auth/device/resend')).status);

    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(resends).toEqual([200, 200, 200, 429]);
  });

  it('a sign-in without a device id counts as an unknown device every time', async () => {
    const email = await newUser();
    const first = await login(email, PASSWORD);
    expect((await verify(first.token, latestCode(email))).status).toBe(200);

    const second = await login(email, PASSWORD);

    expect(first.limited).toBe(true);
    expect(second.limited).toBe(true);
  });

  it('a limited session can sign out', async () => {
    const email = await newUser();
    const { token } = await login(email, PASSWORD, 'phone-iiii-0001');

    expect((await post(token, '/api/auth/logout')).status).toBe(204);
    expect((await get(token, '/api/me')).status).toBe(401);
  });

  it('T-8: stores only hashes of device ids and codes', async () => {
    const email = await newUser();
    await login(email, PASSWORD, 'phone-jjjj-0001');
    const code = latestCode(email);

    const devices = JSON.stringify(await rootQuery('SELECT * FROM `$db`.devices'));
    const codes = JSON.stringify(await rootQuery('SELECT * FROM `$db`.device_codes'));
    const sessions = JSON.stringify(await rootQuery('SELECT * FROM `$db`.sessions'));

    expect(devices).not.toContain('phone-jjjj-0001');
    expect(sessions).not.toContain('phone-jjjj-0001');
    expect(codes).not.toContain(code);
  });

  it('a tenant with device approval off signs new devices in fully', async () => {
    const other = await t.tenant('globex', { deviceApproval: false });
    const res = await t.request(other.host, '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: other.ownerEmail,
        password: other.ownerPassword,
        deviceId: 'new-device-0001',
      }),
    });

    expect(res.status).toBe(200);
    expect(((await res.json()) as LoginReply).limited).toBe(false);
  });
});
