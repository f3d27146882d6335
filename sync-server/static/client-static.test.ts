import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestPlatform, type TestPlatform } from '../../tests/helpers/platform';
import { createApp } from '../http/app';
import { cacheControlFor, clientStatic } from './client-static';

let t: TestPlatform;
let dir: string;
let request: (host: string, urlPath: string) => Promise<Response>;

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme');
  dir = mkdtempSync(path.join(tmpdir(), 'focus-client-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dir, 'sw.js'), 'self.x = 1;');
  writeFileSync(path.join(dir, 'manifest.webmanifest'), '{}');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  const app = createApp(t.p, { modules: [clientStatic({ dir })] });
  request = (host, urlPath) => Promise.resolve(app.request(`http://${host}${urlPath}`, { headers: { host } }));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.cleanup();
});

describe('client static files on tenant hosts', () => {
  it('serves hashed assets as immutable for a year', async () => {
    const res = await request('acme.localhost', '/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('makes the browser revalidate index.html and the service worker', async () => {
    const sw = await request('acme.localhost', '/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(sw.headers.get('service-worker-allowed')).toBe('/');
    const index = await request('acme.localhost', '/');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('answers client routes with index.html (SPA fallback)', async () => {
    const res = await request('acme.localhost', '/tasks/01HXYZ');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('id="root"');
  });

  it('does not answer HTML for a missing asset, an API path or another host', async () => {
    expect((await request('acme.localhost', '/assets/missing-000.js')).status).toBe(404);
    expect((await request('acme.localhost', '/api/nothing-here')).status).toBe(404);
    expect((await request('admin.localhost', '/')).status).toBe(404);
  });

  it('never serves a file outside the build folder', async () => {
    const res = await request('acme.localhost', '/..%2f..%2fetc%2fpasswd');
    expect(res.status).toBe(404);
  });

  it('sends an unknown workspace to the tenant gate, not the app shell', async () => {
    expect((await request('nobody.localhost', '/')).status).toBe(404);
  });

  it('classifies cache policy by path', () => {
    expect(cacheControlFor('/assets/x-1.css')).toContain('immutable');
    expect(cacheControlFor('/index.html')).toBe('no-cache');
  });
});
