import { createAdminUser } from '../../sync-server/admin/admin-users';
import { totpCode } from '../../sync-server/admin/totp';
import type { TestPlatform } from '../helpers/platform';

export const ADMIN_HOST = 'admin.localhost';

export interface TestAdmin {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly secret: string;
}

/** A platform admin made through the same function as `admin:create`. */
export async function makeAdmin(
  t: TestPlatform,
  email = 'ops@focus.test',
  password = 'admin-password-1',
): Promise<TestAdmin> {
  const r = await createAdminUser(t.p, { email, password });
  if (!r.ok) throw r.error;
  return { id: r.value.id, email, password, secret: r.value.totpSecret };
}

/** Sign in with the code of the current 30-second step (offset by `steps` for a second login). */
export async function adminLogin(t: TestPlatform, a: TestAdmin, steps = 0): Promise<string> {
  const totp = totpCode(a.secret, new Date(t.p.now().getTime() + steps * 30_000));
  const res = await t.request(ADMIN_HOST, '/api/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: a.email, password: a.password, totp }),
  });
  if (res.status !== 200)
    throw new Error(`admin login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Requests to the admin host with a Bearer admin token and a JSON body. */
export function adminClient(t: TestPlatform, token: string) {
  return async <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await t.request(ADMIN_HOST, path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

/** Poll until `check` holds; integration tests wait for state, never a fixed time. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (check(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
