/**
 * Click to render: from the click on "Add" to the new task's row in the DOM (local mutation,
 * replica subscription, React commit), p50/p99 over 200 creations, with 50,000 contacts in the
 * replica; against the same screen with an empty replica and against a plain DOM insertion in
 * the same page, same run. Measured inside the page, so no DevTools round trip is counted.
 * Prints a table; asserts nothing.
 *
 *   npx tsx bench/ui-task-render.ts [--rows 50000] [--creations 200]
 */
import type { Page } from 'playwright-core';

import { ms, seededPage, startUiBench, summary, table } from './ui-helpers';

const rows = Number(process.argv[process.argv.indexOf('--rows') + 1]) || 50_000;
const creations = Number(process.argv[process.argv.indexOf('--creations') + 1]) || 200;

/** Types a title into the quick-add field, clicks Add, times until the row is in the list. */
function measureCreates(page: Page, n: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const input = document.getElementById('new-task') as HTMLInputElement;
    const button = input.form!.querySelector('button[type=submit]') as HTMLButtonElement;
    const list = document.querySelector('[role=list][aria-label="Tasks"]')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const title = `Bench task ${i}-${Math.random().toString(36).slice(2)}`;
      setValue.call(input, title);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      const seen = new Promise<number>((resolve) => {
        const obs = new MutationObserver(() => {
          if (!list.textContent?.includes(title)) return;
          obs.disconnect();
          resolve(performance.now());
        });
        obs.observe(list, { childList: true, subtree: true, characterData: true });
      });
      const start = performance.now();
      button.click();
      out.push((await seen) - start);
      await frame();
    }
    return out;
  }, n);
}

/** The floor: a click handler that appends a row to a list, timed the same way. */
function measurePlainDom(page: Page, n: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    const host = document.createElement('div');
    const list = document.createElement('ul');
    const button = document.createElement('button');
    host.append(button, list);
    document.body.append(host);
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const title = `Plain ${i}`;
      button.onclick = () => {
        const li = document.createElement('li');
        li.textContent = title;
        list.prepend(li);
      };
      const seen = new Promise<number>((resolve) => {
        const obs = new MutationObserver(() => {
          obs.disconnect();
          resolve(performance.now());
        });
        obs.observe(list, { childList: true });
      });
      const start = performance.now();
      button.click();
      out.push((await seen) - start);
      await frame();
    }
    host.remove();
    return out;
  }, n);
}

async function openTasks(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Tasks' }).first().click();
  await page.getByLabel('New task').waitFor();
}

const b = await startUiBench();
try {
  const big = await seededPage(b, 'renderbig', rows);
  await openTasks(big);
  await measureCreates(big, 10); // warm-up: JIT, lazy chunks, first subscription
  const bigRun = summary(await measureCreates(big, creations));
  const plain = summary(await measurePlainDom(big, creations));

  const empty = await seededPage(b, 'renderempty', 0);
  await openTasks(empty);
  await measureCreates(empty, 10);
  const emptyRun = summary(await measureCreates(empty, creations));

  process.stdout.write(`\nClick to render of a created task (${creations} creations)\n`);
  process.stdout.write(table([
    ['case', 'p50 ms', 'p99 ms', 'mean ms', 'p99 ratio to empty replica'],
    ['plain DOM insertion', ms(plain.p50), ms(plain.p99), ms(plain.mean), (plain.p99 / emptyRun.p99).toFixed(2)],
    ['empty replica', ms(emptyRun.p50), ms(emptyRun.p99), ms(emptyRun.mean), '1.00'],
    [`${rows.toLocaleString('en-IN')} contacts in replica`, ms(bigRun.p50), ms(bigRun.p99), ms(bigRun.mean), (bigRun.p99 / emptyRun.p99).toFixed(2)],
  ]));
  process.stdout.write('target: p99 under 16 ms (one frame) with the full replica\n');
} finally {
  await b.close();
}
