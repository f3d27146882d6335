/**
 * Local search latency: from typing a query into the header search box to its results on the
 * screen, over a replica of 50,000 contacts (plus their 1,000 companies), p50/p99 over 200
 * queries; against a bare `includes` scan of 50,000 strings in the same page, same run.
 * Prints a table; asserts nothing.
 *
 *   npx tsx bench/ui-search.ts [--rows 50000] [--queries 200]
 */
import type { Page } from 'playwright-core';

import { ms, seededPage, startUiBench, summary, table } from './ui-helpers';

const rows = Number(process.argv[process.argv.indexOf('--rows') + 1]) || 50_000;
const queries = Number(process.argv[process.argv.indexOf('--queries') + 1]) || 200;

// Fragments of the seeded names (sync-server/sync/seed.ts): common, rare and missing ones.
const WORDS = ['asha', 'ravi iyer', 'meera', 'patel', 'vikram s', 'lakshmi n', 'arjun das', 'fatima', 'kabir menon', 'pri', 'gupta', 'zzz', 'reddy', 'suresh k', 'khan'];

/** Types each query into the search box and times until the screen shows its results. */
function measureQueries(page: Page, list: readonly string[]): Promise<number[]> {
  return page.evaluate(async (qs) => {
    const input = document.getElementById('global-search') as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const out: number[] = [];
    for (const q of qs) {
      const screen = () => document.querySelector('main [data-query]');
      const shown = new Promise<number>((resolve) => {
        const done = () => {
          const s = screen();
          if (s?.getAttribute('data-query') !== q) return false;
          resolve(performance.now());
          return true;
        };
        const obs = new MutationObserver(() => {
          if (done()) obs.disconnect();
        });
        obs.observe(document.querySelector('main')!, { childList: true, subtree: true, attributes: true, characterData: true });
      });
      const start = performance.now();
      setValue.call(input, q);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      out.push((await shown) - start);
      await frame();
    }
    return out;
  }, list);
}

/** The floor: a linear `includes` scan of as many short strings, no UI at all. */
function measureRawScan(page: Page, n: number, list: readonly string[]): Promise<number[]> {
  return page.evaluate(({ count, qs }) => {
    const names = Array.from({ length: count }, (_, i) => `person ${i} ${(i * 7919).toString(36)} example.in`);
    const out: number[] = [];
    for (const q of qs) {
      const start = performance.now();
      let hits = 0;
      for (const s of names) if (s.includes(q)) hits++;
      out.push(performance.now() - start + (hits < 0 ? 1 : 0));
    }
    return out;
  }, { count: n, qs: list });
}

const b = await startUiBench();
try {
  const page = await seededPage(b, 'searchbench', rows);
  const list = Array.from({ length: queries }, (_, i) => `${WORDS[i % WORDS.length]}${i >= WORDS.length ? ` ${String.fromCharCode(97 + (i % 26))}` : ''}`);
  await page.getByRole('link', { name: 'Search' }).first().click();
  await measureQueries(page, WORDS); // warm-up: the index is built on the first query
  const ui = summary(await measureQueries(page, list));
  const raw = summary(await measureRawScan(page, rows, list));

  process.stdout.write(`\nLocal search over ${rows.toLocaleString('en-IN')} contacts (${queries} queries)\n`);
  process.stdout.write(table([
    ['case', 'p50 ms', 'p99 ms', 'mean ms', 'p99 ratio to raw scan'],
    ['raw includes scan, no UI', ms(raw.p50), ms(raw.p99), ms(raw.mean), '1.00'],
    ['search box to results on screen', ms(ui.p50), ms(ui.p99), ms(ui.mean), (ui.p99 / raw.p99).toFixed(2)],
  ]));
  process.stdout.write('target: p99 under 50 ms\n');
} finally {
  await b.close();
}
