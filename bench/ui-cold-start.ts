/**
 * Cold start of the installed PWA: a new browser process on a profile that has the app
 * installed (service worker, replica in IndexedDB, session), navigating to the workspace with
 * the network cut, until the first interactive screen (the pipeline board) is on screen.
 * Baseline: the same cold start with the network on, same profile, same run. Times are from
 * the navigation start, read in the page (performance.now at the board's first paint).
 * Prints a table; asserts nothing.
 *
 *   npx tsx bench/ui-cold-start.ts [--runs 10]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext } from 'playwright-core';

import { seedDemoData } from '../sync-server/sync/seed';
import { ensureClientBuilt, tenantUrl, waitForServiceWorker } from '../tests/e2e/harness';
import { createTestPlatform } from '../tests/helpers/platform';
import { ms, summary, table } from './ui-helpers';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10;

const ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Records, relative to navigation start, when the board first appears and is painted. */
const FIRST_SCREEN_PROBE = `
  new MutationObserver((_, obs) => {
    if (!document.querySelector('.kanban .kanban-card')) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__firstScreen = performance.now(); });
  }).observe(document, { childList: true, subtree: true });
`;

function openProfile(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: ARGS, viewport: { width: 1280, height: 800 } });
}

async function coldStart(dir: string, url: string, offline: boolean): Promise<number> {
  const context = await openProfile(dir);
  try {
    if (offline) await context.setOffline(true);
    await context.addInitScript(FIRST_SCREEN_PROBE);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForFunction(() => typeof (window as { __firstScreen?: number }).__firstScreen === 'number', undefined, { timeout: 60_000 });
    return await page.evaluate(() => (window as unknown as { __firstScreen: number }).__firstScreen);
  } finally {
    await context.close();
  }
}

await ensureClientBuilt();
const t = await createTestPlatform();
const profile = mkdtempSync(path.join(tmpdir(), 'focus-pwa-profile-'));
try {
  const acme = await t.tenant('coldstart');
  const record = await t.p.tenantCache.get('coldstart');
  const conn = t.p.pools.get(record!);
  const [users] = await conn.pool.query('SELECT id FROM users LIMIT 1');
  await seedDemoData(conn, { companies: 200, contactsPerCompany: 10, deals: 300, tasks: 300, commentsPerTask: 1, userIDs: (users as { id: string }[]).map((u) => u.id) });
  const server = await t.listen();
  const url = tenantUrl('coldstart', server.port, '/pipeline');

  // Install: sign in once, let the worker take over and the replica fill, then quit.
  const install = await openProfile(profile);
  const page = install.pages()[0] ?? (await install.newPage());
  await page.goto(tenantUrl('coldstart', server.port));
  await page.getByLabel('E-mail').fill(acme.ownerEmail);
  await page.getByLabel('Password').fill(acme.ownerPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForServiceWorker(page);
  await page.goto(url);
  await page.locator('.kanban .kanban-card').first().waitFor({ timeout: 120_000 });
  await install.close();

  await coldStart(profile, url, true); // warm-up: the first restart also compacts the profile
  const offline: number[] = [];
  const online: number[] = [];
  for (let i = 0; i < runs; i++) {
    offline.push(await coldStart(profile, url, true));
    online.push(await coldStart(profile, url, false));
  }
  const off = summary(offline);
  const on = summary(online);
  process.stdout.write(`\nCold start of the installed PWA to the pipeline board (${runs} browser restarts each)\n`);
  process.stdout.write(table([
    ['case', 'p50 ms', 'p99 ms', 'mean ms', 'p50 ratio to online'],
    ['online (network + service worker)', ms(on.p50), ms(on.p99), ms(on.mean), '1.00'],
    ['offline (service worker only)', ms(off.p50), ms(off.p99), ms(off.mean), (off.p50 / on.p50).toFixed(2)],
  ]));
} finally {
  await t.cleanup();
  rmSync(profile, { recursive: true, force: true });
}
