import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { adminCreate } from '../../sync-server/admin/cli';
import { parse } from '../../sync-server/cli/command';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import { adminLogin } from './admin-helpers';

let t: TestPlatform;
beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(() => t.cleanup());

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await adminCreate.run({
    p: t.p,
    args: parse(adminCreate, argv),
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('admin:create (docs/admin.md, A-3)', () => {
  test('prints the otpauth URL and a terminal QR code; the enrolled secret signs in', async () => {
    const r = await run(['--email', 'First@Focus.test', '--password', 'admin-password-1']);
    expect(r.code).toBe(0);
    const url = /otpauth:\/\/totp\/[^\s]+/.exec(r.out)?.[0];
    expect(url).toMatch(/secret=[A-Z2-7]+/);
    expect(url).toMatch(/issuer=FocusApp%20Admin/);
    expect(r.out).toMatch(/[▀▄█]/);
    const secret = new URL(url!).searchParams.get('secret')!;
    await expect(
      adminLogin(t, { id: '', email: 'first@focus.test', password: 'admin-password-1', secret }),
    ).resolves.toMatch(/.{20,}/);
  });

  test('refuses a duplicate e-mail and a short password with exit code 2', async () => {
    expect(
      (await run(['--email', 'first@focus.test', '--password', 'admin-password-1'])).code,
    ).toBe(2);
    const short = await run(['--email', 'other@focus.test', '--password', 'short']);
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/at least 10/);
  });
});
