import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningServer } from '../../sync-server/http/server';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';

let t: TestPlatform;
let server: RunningServer;
let acme: TestTenant;
let token: string;

beforeAll(async () => {
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  server = await t.listen();
  const res = await t.request(acme.host, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: acme.ownerEmail, password: acme.ownerPassword }),
  });
  token = ((await res.json()) as { token: string }).token;
});

afterAll(() => t.cleanup());

/** The HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', (e) => reject(e));
  });
}

describe('WebSocket upgrades', () => {
  const cookie = () => `focus_session=${token}`;

  it.each(['/api/sync/poke', '/api/notes/task-1'])('T-13: %s refuses a page of another origin carrying the cookie', async (path) => {
    expect(await upgradeStatus(path, { host: acme.host, origin: 'http://evil.test', cookie: cookie() })).toBe(403);
    expect(await upgradeStatus(path, { host: acme.host, origin: 'http://globex.localhost', cookie: cookie() })).toBe(403);
    expect(await upgradeStatus(path, { host: acme.host, origin: 'null', cookie: cookie() })).toBe(403);
  });

  it('T-13: the same origin is let through to the endpoint', async () => {
    expect(await upgradeStatus('/api/sync/poke', { host: acme.host, origin: `http://${acme.host}`, cookie: cookie() })).toBe(101);
  });

  it('refuses an upgrade to a path that is no socket endpoint', async () => {
    expect(await upgradeStatus('/api/sync/push', { host: acme.host, authorization: `Bearer ${token}` })).toBe(403);
  });
});
