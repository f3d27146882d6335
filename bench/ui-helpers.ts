/**
 * Shared set-up for the browser benchmarks: the built client served by a real server, a tenant
 * seeded straight into its database, and Chromium signed in with the replica fully pulled.
 */
import type { Browser, Page } from 'playwright-core';

import type { RunningServer } from '../sync-server/http/server';
import { seedDemoData } from '../sync-server/sync/seed';
import { ensureClientBuilt, launchBrowser, signedInPage } from '../tests/e2e/harness';
import { createTestPlatform, type TestPlatform } from '../tests/helpers/platform';

export interface UiBench {
  readonly t: TestPlatform;
  readonly server: RunningServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startUiBench(): Promise<UiBench> {
  await ensureClientBuilt();
  const t = await createTestPlatform();
  const server = await t.listen();
  const browser = await launchBrowser();
  return {
    t, server, browser,
    async close() {
      await browser.close();
      await t.cleanup();
    },
  };
}

/** A tenant with `contacts` contacts (50 per company), and its owner signed in. */
export async function seededPage(b: UiBench, slug: string, contacts: number): Promise<Page> {
  const tenant = await b.t.tenant(slug);
  if (contacts > 0) {
    const record = await b.t.p.tenantCache.get(slug);
    const conn = b.t.p.pools.get(record!);
    const [rows] = await conn.pool.query('SELECT id FROM users LIMIT 1');
    const userIDs = (rows as { id: string }[]).map((r) => r.id);
    await seedDemoData(conn, { companies: Math.ceil(contacts / 50), contactsPerCompany: 50, deals: 0, tasks: 0, commentsPerTask: 0, userIDs });
  }
  const { page } = await signedInPage(b.browser, { slug, port: b.server.port, email: tenant.ownerEmail, password: tenant.ownerPassword });
  await allowBundledFunctions(page);
  await page.getByRole('link', { name: 'Contacts' }).first().click();
  // The Contacts header counts the rows in the replica: all pulled once it shows the total.
  const shown = contacts.toLocaleString('en-IN');
  await page.getByRole('heading', { name: new RegExp(`^Contacts ${shown}$`) }).waitFor({ timeout: 300_000 });
  return page;
}

/**
 * tsx compiles the functions we hand to page.evaluate with esbuild's keepNames, which wraps
 * inner functions in a `__name` helper that exists only in Node; give the page a no-op one.
 */
export async function allowBundledFunctions(page: Page): Promise<void> {
  const script = 'globalThis.__name = globalThis.__name || ((f) => f);';
  await page.context().addInitScript(script);
  await page.evaluate(script);
}

export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export function summary(samples: readonly number[]): { p50: number; p99: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((s, x) => s + x, 0) / Math.max(1, samples.length);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean };
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n') + '\n';
}

export const ms = (n: number) => n.toFixed(2);
