import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

import type { RunningServer } from '../../sync-server/http/server';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';


const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['client', 'shared', 'mutators', 'vite.config.ts'];
/** Test builds live apart from dist/client, one folder per source hash, never rewritten. */
const TEST_BUILDS = path.join(ROOT, 'dist', 'test-client');

function hashSources(): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    const full = path.join(ROOT, p);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) walk(path.join(p, name));
    } else if (!p.endsWith('.test.ts') && !p.endsWith('.test.tsx')) {
      h.update(p).update(readFileSync(full));
    }
  };
  for (const s of SOURCES) walk(s);
  return h.digest('hex');
}

async function waitFor(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Builds the client for the browser tests and points the static module at it (through
 * FOCUS_CLIENT_DIR, read when a test platform creates its app: call this first). The build
 * goes to dist/test-client/<source hash>, so it is made once per change of the sources and
 * nothing else writes there. Test files may run in parallel: the first takes a lock directory
 * (mkdir is atomic), the others wait for the stamp it writes.
 */
export async function ensureClientBuilt(): Promise<string> {
  const hash = hashSources();
  const outDir = path.join(TEST_BUILDS, hash.slice(0, 16));
  const stamp = path.join(outDir, '.complete');
  const lock = `${outDir}.lock`;
  process.env.FOCUS_CLIENT_DIR = outDir;
  if (existsSync(stamp)) return outDir;
  mkdirSync(TEST_BUILDS, { recursive: true });
  try {
    mkdirSync(lock);
  } catch {
    await waitFor(() => existsSync(stamp) || !existsSync(lock), 'the client build of another test file', 180_000);
    return existsSync(stamp) ? outDir : ensureClientBuilt();
  }
  try {
    const { build } = await import('vite');
    // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    writeFileSync(stamp, hash);
    pruneOldBuilds(outDir);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return outDir;
}

/** Keeps the newest few test builds; older ones belong to sources that no longer exist. */
function pruneOldBuilds(keep: string): void {
  const dirs = readdirSync(TEST_BUILDS)
    .map((name) => path.join(TEST_BUILDS, name))
    .filter((d) => d !== keep && !d.endsWith('.lock') && statSync(d).isDirectory())
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const d of dirs.slice(3)) rmSync(d, { recursive: true, force: true });
}

export async function launchBrowser(opts: { readonly fakeMicrophone?: boolean } = {}): Promise<Browser> {
  const media = opts.fakeMicrophone ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : [];
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...media,
    ],
  });
}

/** The tenant's address as a browser sees it: Chromium resolves *.localhost itself. */
export function tenantUrl(slug: string, port: number, pathname = '/'): string {
  return `http://${slug}.localhost:${port}${pathname}`;
}

/** Opens the app in a fresh context and signs in through the real form. */
export async function signedInPage(
  browser: Browser,
  opts: { readonly slug: string; readonly port: number; readonly email: string; readonly password: string; readonly viewport?: { width: number; height: number } },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(tenantUrl(opts.slug, opts.port));
  await page.getByLabel('E-mail').fill(opts.email);
  await page.getByLabel('Password').fill(opts.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.shell').waitFor();
  return { context, page };
}

/** Resolves once a service worker controls the page (the app shell is then cached). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined, undefined, { timeout: 30_000 });
}

/** Waits until the locator's text contains (or matches) what is expected. */
export async function waitForText(locator: Locator, expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = (await locator.first().textContent({ timeout: timeoutMs }).catch(() => null)) ?? '';
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    if (Date.now() > until) throw new Error(`expected text ${String(expected)}, last saw "${last}"`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const apiPattern = /\/api\//;

/**
 * Cuts the network for a context. setOffline is the real thing (navigator.onLine, events);
 * the route abort backs it up because, with a service worker controlling the page, Chromium's
 * offline emulation let an occasional request through right after a reload.
 */
export async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route(apiPattern, (route) => route.abort('internetdisconnected'));
}

export async function goOnline(context: BrowserContext): Promise<void> {
  await context.unroute(apiPattern);
  await context.setOffline(false);
}

/** What a browser test file usually needs: a platform, tenant `acme`, a server, Chromium. */
export interface BrowserSuite {
  t: TestPlatform;
  acme: TestTenant;
  server: RunningServer;
  browser: Browser;
}

/**
 * Registers the suite's beforeAll/afterAll and returns an object filled in before the first
 * test runs; files with more set-up of their own keep writing their hooks.
 */
export function useBrowserSuite(): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    await ensureClientBuilt();
    suite.t = await createTestPlatform();
    suite.acme = await suite.t.tenant('acme');
    suite.server = await suite.t.listen();
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.t?.cleanup();
  });
  return suite;
}

/**
 * A user without the right signs in: the menu item is not offered, and opening its address
 * directly shows the no-access page, with `absent` (the screen's own content) nowhere.
 */
export async function expectNoAccess(
  browser: Browser,
  opts: { readonly port: number; readonly email: string; readonly password: string; readonly menu: string; readonly path: string; readonly absent: (page: Page) => Locator },
): Promise<void> {
  const { context, page } = await signedInPage(browser, { slug: 'acme', port: opts.port, email: opts.email, password: opts.password });
  const nav = page.getByRole('navigation', { name: 'Main', exact: true });
  await nav.getByRole('link', { name: 'Pipeline' }).waitFor();
  expect(await nav.getByRole('link', { name: opts.menu }).count()).toBe(0);

  await page.goto(tenantUrl('acme', opts.port, opts.path));
  await page.getByRole('heading', { name: "You don't have access to this" }).waitFor();
  expect(await opts.absent(page).count()).toBe(0);
  await context.close();
}
