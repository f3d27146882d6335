import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningServer } from '../../sync-server/http/server';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';
import { eventually, taskTitled } from './db';
import { ensureClientBuilt, launchBrowser, signedInPage, waitForText } from './harness';

let t: TestPlatform;
let acme: TestTenant;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await ensureClientBuilt();
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  server = await t.listen();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.cleanup();
});

/** The note's text without the other people's caret labels that sit inside the editor. */
const noteText = (page: Page) =>
  page.locator('.note-body').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return [...copy.querySelectorAll('p, h1, h2, h3, li')].map((n) => n.textContent ?? '').join('\n');
  });

describe('collaborative task notes', () => {
  it('converges when two browsers type at once, and survives a server restart', async () => {
    const owner = { slug: 'acme', email: acme.ownerEmail, password: acme.ownerPassword };
    const a = await signedInPage(browser, { ...owner, port: server.port });
    const b = await signedInPage(browser, { ...owner, port: server.port });

    await a.page.getByRole('link', { name: 'Tasks' }).first().click();
    await a.page.getByLabel('New task').fill('Plan the Pune launch');
    await a.page.getByLabel('New task').press('Enter');
    const [task] = await eventually(() => taskTitled(t.p, 'acme', 'Plan the Pune launch'), (r) => r.length === 1, 'the task on the server');
    const taskPath = `/tasks/${task!.id}`;
    await a.page.goto(`http://acme.localhost:${server.port}${taskPath}`);
    await b.page.goto(`http://acme.localhost:${server.port}${taskPath}`);
    await a.page.locator('.note-body').waitFor();
    await b.page.locator('.note-body').waitFor();
    // Both editors see each other before typing, so every keystroke is live for the other.
    await waitForText(a.page.locator('.presence'), /^(?!Only you).+/);
    await waitForText(b.page.locator('.presence'), /^(?!Only you).+/);

    await a.page.locator('.note-body').click();
    await b.page.locator('.note-body').click();
    await Promise.all([
      a.page.keyboard.type('Book the hall. ', { delay: 15 }),
      b.page.keyboard.type('Print the flyers. ', { delay: 15 }),
    ]);

    const converged = await eventually(
      async () => [await noteText(a.page), await noteText(b.page)] as const,
      ([x, y]) => x === y && x.includes('Book the hall.') && x.includes('Print the flyers.'),
      'both editors to show the same text',
    );
    const text = converged[0];
    await a.context.close();
    await b.context.close();

    // Restart: a new server process on the platform; a fresh browser has no device copy, so
    // what it shows came from the database.
    await server.close();
    server = await t.listen();
    const c = await signedInPage(browser, { ...owner, port: server.port });
    await c.page.goto(`http://acme.localhost:${server.port}${taskPath}`);
    await waitForText(c.page.locator('.note-body'), 'Print the flyers.');
    expect(await noteText(c.page)).toBe(text);
    await c.context.close();
  });

  it('gives a user of another tenant neither the note nor the rows', async () => {
    const globex = await t.tenant('globex');
    const [task] = await taskTitled(t.p, 'acme', 'Plan the Pune launch');
    const g = await signedInPage(browser, { slug: 'globex', port: server.port, email: globex.ownerEmail, password: globex.ownerPassword });

    // Their session belongs to globex: on acme's address they are simply signed out.
    await g.page.goto(`http://acme.localhost:${server.port}/tasks/${task!.id}`);
    await g.page.getByRole('heading', { name: 'Sign in to acme' }).waitFor();

    // On their own host, acme's task is not in their replica and its note socket is refused.
    await g.page.goto(`http://globex.localhost:${server.port}/search?q=Pune`);
    await g.page.getByText('Nothing matches').waitFor();
    const closeCode = await g.page.evaluate((doc) => new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://${location.host}/api/notes/${doc}`);
      ws.onclose = (e) => resolve(e.code);
    }), `task-${task!.id}`);
    expect(closeCode).toBeGreaterThanOrEqual(4400);
    expect(closeCode).toBeLessThan(4500);
    await g.context.close();
  });
});
