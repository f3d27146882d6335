/**
 * Screenshots for the README: the pipeline, a task with notes and comments, and the phone
 * layout at 390x844. Runs a throw-away platform (own databases, dropped at the end), seeds it
 * through the sync endpoint like any device, and drives the built client in Chromium.
 * Run: npx tsx scripts/screenshots.ts   (needs MariaDB and Redis: scripts/ensure-services.sh)
 */
import path from 'node:path';

import { dealTitled, eventually, taskTitled } from '../tests/e2e/db';
import { ensureClientBuilt, launchBrowser, signedInPage, waitForText } from '../tests/e2e/harness';
import { sampleWorkspace } from '../tests/e2e/sample-data';
import { pushAll, signInToken } from '../tests/e2e/seed';
import { createTestPlatform } from '../tests/helpers/platform';

const OUT = path.resolve(import.meta.dirname, '../docs/screenshots');

async function main(): Promise<void> {
  await ensureClientBuilt();
  const t = await createTestPlatform();
  const browser = await launchBrowser();
  try {
    const acme = await t.tenant('acme', { ownerName: 'Asha Patil' });
    const server = await t.listen();
    const token = await signInToken(server.url, acme.host, acme.ownerEmail, acme.ownerPassword);
    const me = await fetchMe(server.url, acme.host, token);
    const sample = sampleWorkspace(me);
    await pushAll(server.url, acme.host, token, sample.mutations);
    await eventually(() => dealTitled(t.p, 'acme', 'CNC spindle retrofit'), (r) => r.length === 1, 'seeded deals');
    const [task] = await taskTitled(t.p, 'acme', sample.firstTaskTitle);

    const login = { slug: 'acme', port: server.port, email: acme.ownerEmail, password: acme.ownerPassword };
    const desk = await signedInPage(browser, login);
    await desk.page.getByRole('link', { name: 'Pipeline' }).first().click();
    await desk.page.getByRole('listitem', { name: /CNC spindle retrofit/ }).waitFor();
    await desk.page.screenshot({ path: path.join(OUT, 'pipeline.png') });

    await desk.page.goto(`http://acme.localhost:${server.port}/tasks/${task!.id}`);
    await desk.page.locator('.note-body').click();
    await desk.page.keyboard.type('Agenda for the call\n');
    await desk.page.keyboard.type('Confirm 40 looms, delivery by March; ask about the GST invoice format.');
    await desk.page.getByLabel('Write a comment').fill('Quote sent, waiting for their purchase order.');
    await desk.page.getByRole('button', { name: 'Post' }).click();
    await waitForText(desk.page.getByTestId('comments'), 'Quote sent');
    await desk.page.screenshot({ path: path.join(OUT, 'task-notes.png'), fullPage: true });

    const phone = await signedInPage(browser, { ...login, viewport: { width: 390, height: 844 } });
    await phone.page.getByRole('link', { name: 'Tasks' }).last().click();
    await phone.page.getByRole('list', { name: 'Tasks' }).getByText(sample.firstTaskTitle).waitFor();
    await phone.page.screenshot({ path: path.join(OUT, 'phone-tasks.png') });
    await phone.page.getByRole('link', { name: 'Pipeline' }).last().click();
    await phone.page.getByRole('listitem', { name: /Looms for the Surat unit/ }).waitFor();
    await phone.page.screenshot({ path: path.join(OUT, 'phone-pipeline.png') });
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await t.cleanup();
  }
}

async function fetchMe(baseUrl: string, host: string, token: string): Promise<string> {
  const { hostRequest } = await import('../sync-server/http/host-client');
  const res = await hostRequest(baseUrl, host, '/api/me', { headers: { authorization: `Bearer ${token}` } });
  const body = res.json<{ user?: { id?: string }; id?: string; userId?: string }>();
  const id = body.user?.id ?? body.userId ?? body.id;
  if (typeof id !== 'string') throw new Error(`unexpected /api/me: ${res.body}`);
  return id;
}

await main();
