import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLogger } from '../../sync-server/logger';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';

// Every log line the platform writes during the test, as JSON text.
const lines: string[] = [];
let t: TestPlatform;
let acme: TestTenant;

const PHONE = '+919812345678';
const WRONG_PASSWORD = 'wrong-password-xyzzy';

beforeAll(async () => {
  const logger = createLogger({
    level: 'debug',
    destination: { write: (s: string) => void lines.push(s) },
  });
  t = await createTestPlatform({ logger });
  acme = await t.tenant('acme', { deviceApproval: true });
});

afterAll(async () => {
  await t.cleanup();
});

function post(path: string, body: unknown, token?: string): Promise<Response> {
  return t.request(acme.host, path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe('log hygiene', () => {
  it('T-14: no log line holds a password, token, device code, e-mail address or phone number', async () => {
    await post('/api/auth/login', { email: acme.ownerEmail, password: WRONG_PASSWORD });
    const login = await post('/api/auth/login', {
      email: acme.ownerEmail,
      password: acme.ownerPassword,
      deviceId: 'laptop-0001',
    });
    const { token } = (await login.json()) as { token: string };
    const code = /\b(\d{6})\b/.exec(t.outbox().at(-1)?.text ?? '')?.[1] ?? '';
    await post('/api/auth/device/verify', { code: code === '000000' ? '000001' : '000000' }, token);
    const verified = await post('/api/auth/device/verify', { code }, token);
    const patch = await t.request(acme.host, '/api/me', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '+91 98123 45678' }),
    });
    const me = await t.request(acme.host, '/api/me', {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(login.status).toBe(200);
    expect(code).toMatch(/^\d{6}$/);
    expect(verified.status).toBe(200);
    expect(patch.status).toBe(204);
    expect(((await me.json()) as { user: { phone: string } }).user.phone).toBe(PHONE);

    const log = lines.join('');
    expect(log).toContain('signed in');
    expect(log).toContain('device approved');
    for (const secret of [
      acme.ownerPassword,
      WRONG_PASSWORD,
      token,
      code,
      acme.ownerEmail,
      PHONE,
      '98123',
      'laptop-0001',
    ]) {
      expect(log, `log contains ${secret}`).not.toContain(secret);
    }
  });
});
