/**
 * Cold start of the installed PWA: a new browser process on a profile that has the app
 * installed (service worker, replica in IndexedDB, session), navigating to the workspace with
 * the network cut, until the first interactive screen is painted (the menu) and until the
 * pipeline board shows its cards.
 * Baseline: the same cold start with the network on, same profile, same run. Times are from
 * the navigation start, read in the page (performance.now at the next frame).
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

/**
 * Records, relative to navigation start, when the shell's menu is first painted (interactive:
 * navigation and search work) and when the board first shows deal cards (data on screen).
 */
const FIRST_SCREEN_PROBE = `
  window.__marks = {};
  new MutationObserver((_, obs) => {
    const marks = window.__marks;
    const seen = (name, selector) => {
      if (marks[name] !== undefined || marks['pending-' + name] || !document.querySelector(selector)) return;
      marks['pending-' + name] = true;
      requestAnimationFrame(() => { marks[name] = performance.now(); });
    };
    seen('shell', '.sidenav a[href="/pipeline"]');
    seen('board', '.kanban .kanban-card');
    if (marks['pending-shell'] && marks['pending-board']) obs.disconnect();
  }).observe(document, { childList: true, subtree: true });
`;

interface Marks {
  readonly shell: number;
  readonly board: number;
}

function openProfile(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: ARGS, viewport: { width: 1280, height: 800 } });
}

async function coldStart(dir: string, url: string, offline: boolean): Promise<Marks> {
  const context = await openProfile(dir);
  try {
    if (offline) await context.setOffline(true);
    await context.addInitScript(FIRST_SCREEN_PROBE);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForFunction(() => typeof (window as unknown as { __marks: Partial<Marks> }).__marks.board === 'number', undefined, { timeout: 60_000 });
    return await page.evaluate(() => (window as unknown as { __marks: Marks }).__marks);
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
  const offline: Marks[] = [];
  const online: Marks[] = [];
  for (let i = 0; i < runs; i++) {
    offline.push(await coldStart(profile, url, true));
    online.push(await coldStart(profile, url, false));
  }
  const row = (label: string, marks: readonly Marks[], key: keyof Marks, base: readonly Marks[]) => {
    const s = summary(marks.map((m) => m[key]));
    const b = summary(base.map((m) => m[key]));
    return [label, ms(s.p50), ms(s.p99), ms(s.mean), (s.p50 / b.p50).toFixed(2)];
  };
  process.stdout.write(`\nCold start of the installed PWA (${runs} browser restarts each), ms from navigation start\n`);
  process.stdout.write(table([
    ['case', 'p50 ms', 'p99 ms', 'mean ms', 'p50 ratio to online'],
    row('online: menu interactive', online, 'shell', online),
    row('offline: menu interactive', offline, 'shell', online),
    row('online: board with cards', online, 'board', online),
    row('offline: board with cards', offline, 'board', online),
  ]));
} finally {
  await t.cleanup();
  rmSync(profile, { recursive: true, force: true });
}
