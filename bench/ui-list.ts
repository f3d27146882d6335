/**
 * The contacts list at 50,000 rows: frame times while scrolling through it (windowed list), and
 * the time from a filter keystroke to the filtered list on screen; against the same scroll of
 * a plain 50-row list in the same page, same run. Prints a table; asserts nothing.
 *
 *   npx tsx bench/ui-list.ts [--rows 50000]
 */
import type { Page } from 'playwright-core';

import { ms, seededPage, startUiBench, summary, table } from './ui-helpers';

const rows = Number(process.argv[process.argv.indexOf('--rows') + 1]) || 50_000;

/** Scrolls `selector` by one screen a frame for 300 frames; returns each frame's duration. */
function scrollFrames(page: Page, selector: string): Promise<number[]> {
  return page.evaluate(async (sel) => {
    const el = document.querySelector(sel) as HTMLElement;
    const out: number[] = [];
    let last = performance.now();
    for (let i = 0; i < 300; i++) {
      el.scrollTop = (el.scrollTop + el.clientHeight) % Math.max(1, el.scrollHeight - el.clientHeight);
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
      const now = performance.now();
      out.push(now - last);
      last = now;
    }
    return out;
  }, selector);
}

/** From a filter keystroke to the list rendered for it (the pane's data-filter attribute). */
function filterLatency(page: Page, terms: readonly string[]): Promise<number[]> {
  return page.evaluate(async (qs) => {
    const input = document.querySelector('input[aria-label="Filter contacts"]') as HTMLInputElement;
    const pane = document.querySelector('.list-pane')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const out: number[] = [];
    for (const q of qs) {
      const rendered = new Promise<number>((resolve) => {
        const obs = new MutationObserver(() => {
          if (pane.getAttribute('data-filter') !== q) return;
          obs.disconnect();
          resolve(performance.now());
        });
        obs.observe(pane, { attributes: true, attributeFilter: ['data-filter'] });
      });
      const start = performance.now();
      setValue.call(input, q);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      out.push((await rendered) - start);
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
    }
    return out;
  }, terms);
}

const b = await startUiBench();
try {
  const page = await seededPage(b, 'listbench', rows);
  await page.evaluate(() => {
    const plain = document.createElement('div');
    plain.id = 'plain-list';
    plain.style.cssText = 'position:fixed;left:0;top:0;width:300px;height:400px;overflow:auto;opacity:0.01';
    for (let i = 0; i < 50; i++) {
      const row = document.createElement('div');
      row.style.height = '56px';
      row.textContent = `Row ${i}`;
      plain.append(row);
    }
    document.body.append(plain);
  });
  await scrollFrames(page, '.vlist'); // warm-up
  const big = summary(await scrollFrames(page, '.vlist'));
  const plain = summary(await scrollFrames(page, '#plain-list'));
  const terms = ['a', 'as', 'ash', 'asha', 'asha ', 'asha i', 'x', 'ravi', 'r', 'ra', 'meera', 'meera p', 'k', 'kabir', 'kabir m', 'z'];
  const filter = summary(await filterLatency(page, terms));

  process.stdout.write(`\nContacts list with ${rows.toLocaleString('en-IN')} rows\n`);
  process.stdout.write(table([
    ['case', 'p50 ms', 'p99 ms', 'mean ms', 'p99 ratio to plain'],
    ['scroll frame, plain 50-row list', ms(plain.p50), ms(plain.p99), ms(plain.mean), '1.00'],
    ['scroll frame, windowed 50,000 rows', ms(big.p50), ms(big.p99), ms(big.mean), (big.p99 / plain.p99).toFixed(2)],
    ['filter keystroke to list', ms(filter.p50), ms(filter.p99), ms(filter.mean), ''],
  ]));
} finally {
  await b.close();
}
