import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestPlatform, testEnv, type TestPlatform } from '../helpers/platform';

const run = promisify(execFile);
let t: TestPlatform;
let env: NodeJS.ProcessEnv;

/** The operator CLI as an operator runs it: a child process, exit codes and output. */
async function focus(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('npx', ['tsx', 'sync-server/cli/main.ts', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

beforeAll(async () => {
  t = await createTestPlatform();
  env = testEnv({ prefix: t.prefix, dataDir: t.dataDir, masterKeyB64: t.masterKeyB64 }).env;
});

afterAll(() => t.cleanup());

describe('npm run focus -- tenant:*', () => {
  it('creates, lists, suspends, resumes and deletes a tenant', async () => {
    const created = await focus('tenant:create', 'cli-co', '--name', 'CLI Co', '--plan', 'growth',
      '--owner-email', 'boss@cli.test', '--owner-password', 'a-long-password', '--device-approval', 'off');
    expect(created.stdout).toContain('Tenant cli-co is active');
    expect(created.code).toBe(0);

    const list = await focus('tenant:list', '--json');
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { slug: string; status: string; plan: string }[];
    expect(rows).toEqual([expect.objectContaining({ slug: 'cli-co', status: 'active', plan: 'growth' })]);

    expect((await focus('tenant:suspend', 'cli-co')).code).toBe(0);
    t.p.tenantCache.invalidate('cli-co');
    expect((await t.request('cli-co.localhost', '/api/me')).status).toBe(423);
    expect((await focus('tenant:resume', 'cli-co')).code).toBe(0);
    t.p.tenantCache.invalidate('cli-co');
    expect((await t.request('cli-co.localhost', '/api/me')).status).toBe(401);

    const refused = await focus('tenant:delete', 'cli-co');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect((await focus('tenant:delete', 'cli-co', '--yes')).code).toBe(0);
    expect(JSON.parse((await focus('tenant:list', '--json')).stdout)).toEqual([]);
  });

  it('answers bad input with a clear message and exit code 2', async () => {
    const cases: [string[], string][] = [
      [['tenant:create', 'admin', '--name', 'X', '--plan', 'starter', '--owner-email', 'a@b.test', '--owner-password', 'a-long-password'], 'reserved'],
      [['tenant:create', 'ok-slug', '--plan', 'starter', '--owner-email', 'a@b.test', '--owner-password', 'a-long-password'], '--name is required'],
      [['tenant:create', 'ok-slug', '--name', 'X', '--plan', 'gold', '--owner-email', 'a@b.test', '--owner-password', 'a-long-password'], 'Unknown plan'],
      [['tenant:create', 'ok-slug', '--name', 'X', '--plan', 'starter', '--owner-email', 'a@b.test', '--owner-password', 'a-long-password', '--device-approval', 'maybe'], 'on or off'],
      [['tenant:create', 'ok-slug', '--bogus'], "Unknown option '--bogus'"],
      [['tenant:suspend', 'nobody'], 'No tenant'],
      [['tenant:migrate'], 'name a tenant or pass --all'],
      [['no-such-command'], 'unknown command'],
    ];
    // Each case is its own process; run them side by side to keep the suite quick.
    const results = await Promise.all(cases.map(([args]) => focus(...args)));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    });
  });

  it('refuses a malformed environment before touching anything', async () => {
    const saved = env;
    env = { ...env, FOCUS_DB_PREFIX: 'Bad-Prefix' };
    try {
      const r = await focus('tenant:list');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('FOCUS_DB_PREFIX');
    } finally {
      env = saved;
    }
  });
});
