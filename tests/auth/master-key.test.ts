import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../../sync-server/config';
import { silentLogger } from '../../sync-server/logger';
import { createPlatform } from '../../sync-server/platform/platform';
import { MasterKeyError } from '../../sync-server/tenancy/master-key';
import { createTestPlatform, testEnv, type TestPlatform } from '../helpers/platform';

const run = promisify(execFile);

let t: TestPlatform;

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme');
});

afterAll(async () => {
  await t.cleanup();
});

/** The same catalog (prefix, data dir) opened with another master key. */
function envWithKey(masterKeyB64: string) {
  return testEnv({ prefix: t.prefix, dataDir: t.dataDir, masterKeyB64 }).env;
}

describe('master key check at start', () => {
  it('T-7: a different master key stops the platform with a clear message', async () => {
    const config = loadConfig(envWithKey(randomBytes(32).toString('base64')));

    const start = createPlatform({ config, logger: silentLogger() });

    await expect(start).rejects.toBeInstanceOf(MasterKeyError);
    await expect(start).rejects.toThrow(/master key does not match/);
  });

  it('T-7: a malformed master key is refused before anything connects', async () => {
    const config = loadConfig(envWithKey('dG9vLXNob3J0'));
    await expect(createPlatform({ config, logger: silentLogger() })).rejects.toThrow(
      /exactly 32 bytes/,
    );
  });

  it('T-7: the original key still opens the catalog and the tenant', async () => {
    const config = loadConfig(envWithKey(t.masterKeyB64));
    const p = await createPlatform({ config, logger: silentLogger() });
    try {
      expect(p.masterKey.equals(t.p.masterKey)).toBe(true);
    } finally {
      await p.close();
    }
    const res = await t.request('acme.localhost', '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@acme.test', password: 'correct-horse-battery' }),
    });
    expect(res.status).toBe(200);
  });

  it('T-7: the CLI exits 1 and says why when started with the wrong key', async () => {
    const env = envWithKey(randomBytes(32).toString('base64'));

    const result = await run('npm', ['run', '--silent', 'focus', '--', 'tenant:list'], {
      env,
      cwd: process.cwd(),
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/fatal: The master key does not match/);
  });
});
