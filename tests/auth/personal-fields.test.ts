import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openField, sealField, indexOf } from '../../sync-server/security/fields';
import { getTenantSecret, setTenantSecret } from '../../sync-server/security/secrets';
import type { TenantConnection } from '../../sync-server/tenancy/pools';
import { tenantDbName } from '../../sync-server/tenancy/provision';
import { findTenantBySlug } from '../../sync-server/tenancy/tenant-record';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';

interface UserView {
  id: string;
  email: string;
  phone: string | null;
  roles: string[];
}

let t: TestPlatform;
let acme: TestTenant;
let owner = '';

beforeAll(async () => {
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  owner = await tokenOf(acme.ownerEmail, acme.ownerPassword);
});

afterAll(async () => {
  await t.cleanup();
});

async function tokenOf(email: string, password: string): Promise<string> {
  const res = await t.request(acme.host, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

function call(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return t.request(acme.host, path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function rawRows(table: string): Promise<Record<string, unknown>[]> {
  const [rows] = await t.p.adminPools
    .get('primary')!
    .query(`SELECT * FROM \`${tenantDbName(t.prefix, 'acme')}\`.\`${table}\``);
  return rows as Record<string, unknown>[];
}

async function acmeConn(): Promise<TenantConnection> {
  const record = await findTenantBySlug(t.p.central, 'acme');
  if (!record) throw new Error('acme is missing');
  return t.p.pools.get(record);
}

describe('users.phone, a personal field', () => {
  it('T-15: is unreadable in the raw table and round-trips through /api/me', async () => {
    const patch = await call(owner, 'PATCH', '/api/me', { phone: '+91 98765 43210' });
    const me = (await (await call(owner, 'GET', '/api/me')).json()) as { user: { phone?: string } };
    const rows = await rawRows('users');
    const row = rows.find((r) => r.email === acme.ownerEmail);

    expect(patch.status).toBe(204);
    expect(me.user.phone).toBe('+919876543210');
    expect(row?.phone_enc).toMatch(/^v1\./);
    expect(row?.phone_bidx).toEqual(expect.any(String));
    expect(JSON.stringify(rows)).not.toContain('9876543210');
    expect(JSON.stringify(rows)).not.toContain('98765');
  });

  it('T-15: its blind index finds the user however the number is written', async () => {
    await call(owner, 'PATCH', '/api/me', { phone: '+919876543210' });
    const created = await call(owner, 'POST', '/api/users', {
      email: 'rep@acme.test',
      name: 'Ravi',
      password: 'a-long-password-9',
      roles: ['sales_rep'],
      phone: '+91 90000 11111',
    });

    const found = (await (
      await call(owner, 'GET', '/api/users?phone=%2B91-98765-43210')
    ).json()) as { users: UserView[] };
    const rep = (await (await call(owner, 'GET', '/api/users?phone=%2B919000011111')).json()) as {
      users: UserView[];
    };
    const none = (await (await call(owner, 'GET', '/api/users?phone=%2B911111111111')).json()) as {
      users: UserView[];
    };

    expect(created.status).toBe(201);
    expect(found.users.map((u) => u.email)).toEqual([acme.ownerEmail]);
    expect(rep.users).toMatchObject([
      { email: 'rep@acme.test', phone: '+919000011111', roles: ['sales_rep'] },
    ]);
    expect(none.users).toEqual([]);
    expect(JSON.stringify(await rawRows('users'))).not.toContain('9000011111');
  });

  it('can be cleared with null', async () => {
    const token = await tokenOf('rep@acme.test', 'a-long-password-9');
    expect((await call(token, 'PATCH', '/api/me', { phone: null })).status).toBe(204);
    const me = (await (await call(token, 'GET', '/api/me')).json()) as {
      user: Record<string, unknown>;
    };
    expect(me.user).not.toHaveProperty('phone');
  });

  it('refuses a malformed number', async () => {
    expect((await call(owner, 'PATCH', '/api/me', { phone: 'call me' })).status).toBe(400);
    expect((await call(owner, 'GET', '/api/users?phone=abc')).status).toBe(400);
  });
});

describe('user administration', () => {
  it('GET and POST /api/users need users.manage', async () => {
    const rep = await tokenOf('rep@acme.test', 'a-long-password-9');

    const list = await call(rep, 'GET', '/api/users');
    const create = await call(rep, 'POST', '/api/users', {
      email: 'x@acme.test',
      name: 'X',
      password: 'a-long-password-9',
    });

    expect(list.status).toBe(403);
    expect(create.status).toBe(403);
    expect(((await list.json()) as { details: { permission: string } }).details.permission).toBe(
      'users.manage',
    );
  });

  it('lists users with roles and refuses a duplicate e-mail or a short password', async () => {
    const list = (await (await call(owner, 'GET', '/api/users')).json()) as { users: UserView[] };
    const dup = await call(owner, 'POST', '/api/users', {
      email: 'REP@acme.test',
      name: 'R',
      password: 'a-long-password-9',
    });
    const short = await call(owner, 'POST', '/api/users', {
      email: 'new@acme.test',
      name: 'N',
      password: 'short',
    });
    const badRole = await call(owner, 'POST', '/api/users', {
      email: 'new@acme.test',
      name: 'N',
      password: 'a-long-password-9',
      roles: ['god'],
    });

    expect(list.users.map((u) => [u.email, u.roles])).toEqual([
      [acme.ownerEmail, ['owner']],
      ['rep@acme.test', ['sales_rep']],
    ]);
    expect(dup.status).toBe(409);
    expect(short.status).toBe(400);
    expect(badRole.status).toBe(400);
  });
});

describe('field helpers', () => {
  const key = randomBytes(32);

  it('T-15: a sealed value opens only under its own field name and key', () => {
    const sealed = sealField(key, 'contacts.phone', '+919876543210');

    expect(openField(key, 'contacts.phone', sealed)).toBe('+919876543210');
    expect(() => openField(key, 'contacts.email', sealed)).toThrow();
    expect(() => openField(randomBytes(32), 'contacts.phone', sealed)).toThrow();
    expect(sealField(key, 'contacts.phone', '+919876543210')).not.toBe(sealed);
  });

  it('T-15: blind indexes are stable per key and field, and differ across fields and tenants', () => {
    const a = indexOf(key, 'contacts.phone', '+91 98765 43210');

    expect(indexOf(key, 'contacts.phone', '+919876543210')).toBe(a);
    expect(indexOf(key, 'users.phone', '+919876543210')).not.toBe(a);
    expect(indexOf(randomBytes(32), 'contacts.phone', '+919876543210')).not.toBe(a);
  });
});

describe('tenant secrets', () => {
  it('T-15: are stored sealed, read back, overwritten, and absent ones are null', async () => {
    const conn = await acmeConn();

    await setTenantSecret(conn.db, conn.dataKey, 'smtp.password', 'hunter2-smtp');
    const first = await getTenantSecret(conn.db, conn.dataKey, 'smtp.password');
    await setTenantSecret(conn.db, conn.dataKey, 'smtp.password', 'rotated-smtp');
    const second = await getTenantSecret(conn.db, conn.dataKey, 'smtp.password');
    const raw = JSON.stringify(await rawRows('tenant_secrets'));

    expect(first).toBe('hunter2-smtp');
    expect(second).toBe('rotated-smtp');
    expect(await getTenantSecret(conn.db, conn.dataKey, 'razorpay.key')).toBeNull();
    expect(raw).not.toContain('rotated-smtp');
    expect(raw).not.toContain('hunter2');
    expect(raw).toContain('smtp.password');
  });

  it('T-15: a secret moved under another name does not open', async () => {
    const conn = await acmeConn();
    await setTenantSecret(conn.db, conn.dataKey, 'webhook.secret', 'whsec-1');
    const admin = t.p.adminPools.get('primary')!;
    const db = tenantDbName(t.prefix, 'acme');

    await admin.query(
      `UPDATE \`${db}\`.tenant_secrets SET name = 'api.key' WHERE name = 'webhook.secret'`,
    );

    await expect(getTenantSecret(conn.db, conn.dataKey, 'api.key')).rejects.toThrow();
  });
});
