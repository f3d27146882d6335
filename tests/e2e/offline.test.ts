import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PERMISSIONS_BY_MODULE } from '../../shared/permissions';
import type { RunningServer } from '../../sync-server/http/server';
import { sessions } from '../../sync-server/db/tenant/core';
import { applyPlanPermissions } from '../../sync-server/tenancy/plan-permissions';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';
import { dealTitled, eventually, taskTitled } from './db';
import { ensureClientBuilt, goOffline, goOnline, launchBrowser, signedInPage, waitForServiceWorker, waitForText } from './harness';

let t: TestPlatform;
let acme: TestTenant;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await ensureClientBuilt();
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  server = await t.listen();
  browser = await launchBrowser({ fakeMicrophone: true });
});

afterAll(async () => {
  await browser?.close();
  await t?.cleanup();
});

describe('offline PWA', () => {
  it('keeps a deal and a task created offline through a reload, then syncs both', async () => {
    const { context, page } = await signedInPage(browser, { slug: 'acme', port: server.port, email: acme.ownerEmail, password: acme.ownerPassword });

    // http://acme.localhost is a secure context in Chromium, so the service worker registers.
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    await waitForServiceWorker(page);
    await page.getByRole('link', { name: 'Pipeline' }).first().click();
    await waitForText(page.getByTestId('sync-indicator'), 'Online');

    await goOffline(context);
    await waitForText(page.getByTestId('sync-indicator'), 'Offline');

    await page.getByRole('button', { name: 'New deal' }).click();
    await page.getByLabel('Title').fill('Offline deal: Kolhapur dairy');
    await page.getByLabel('Value (₹)').fill('75000');
    await page.getByRole('button', { name: 'Add deal' }).click();
    await page.getByRole('listitem', { name: /Offline deal: Kolhapur dairy/ }).waitFor();

    await page.getByRole('link', { name: 'Tasks' }).first().click();
    await page.getByLabel('New task').fill('Offline task: visit the dairy');
    await page.getByLabel('New task').press('Enter');
    await page.getByRole('list', { name: 'Tasks' }).getByText('Offline task: visit the dairy').waitFor();
    await waitForText(page.getByTestId('pending-count'), /[1-9]/);
    // Checked before the reload: Chromium's offline emulation can let a request of the freshly
    // reloaded page through, which would make a later check flaky without proving anything more.
    expect(await taskTitled(t.p, 'acme', 'Offline task: visit the dairy')).toHaveLength(0);
    expect(await dealTitled(t.p, 'acme', 'Offline deal: Kolhapur dairy')).toHaveLength(0);

    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByRole('list', { name: 'Tasks' }).getByText('Offline task: visit the dairy').waitFor();
    await page.getByRole('link', { name: 'Pipeline' }).first().click();
    await page.getByRole('listitem', { name: /Offline deal: Kolhapur dairy/ }).waitFor();

    await goOnline(context);
    const [deal] = await eventually(() => dealTitled(t.p, 'acme', 'Offline deal: Kolhapur dairy'), (r) => r.length === 1, 'the deal on the server');
    const [task] = await eventually(() => taskTitled(t.p, 'acme', 'Offline task: visit the dairy'), (r) => r.length === 1, 'the task on the server');
    expect(deal?.valuePaise).toBe(75_000_00);
    expect(task?.status).toBe('todo');
    await context.close();
  });

  it('keeps a file and a voice note added offline on the device and uploads them when the network returns', async () => {
    const { context, page } = await signedInPage(browser, { slug: 'acme', port: server.port, email: acme.ownerEmail, password: acme.ownerPassword });
    await page.getByRole('link', { name: 'Tasks' }).first().click();
    await page.getByLabel('New task').fill('Attach the signed order');
    await page.getByLabel('New task').press('Enter');
    await page.getByRole('list', { name: 'Tasks' }).getByText('Attach the signed order').click();
    await page.getByTestId('attachments').waitFor();

    await goOffline(context);
    await page.getByLabel('Attach files').setInputFiles({ name: 'order.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 signed order') });
    await waitForText(page.getByTestId('attachments'), 'waiting to upload');

    // A voice note recorded offline (Chromium's fake microphone) waits the same way.
    await page.getByRole('button', { name: 'Record voice note' }).click();
    await page.getByRole('button', { name: /Stop recording \([1-9]/ }).click();
    await waitForText(page.getByTestId('attachments'), /Voice note .*waiting to upload/);

    await goOnline(context);
    await page.getByTestId('attachments').getByRole('link', { name: 'order.pdf' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('attachments').locator('figure audio').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('attachments').textContent()).not.toContain('waiting to upload');
    await context.close();
  });

  it('explains in plain words a change refused because the permission went while offline', async () => {
    const { context, page } = await signedInPage(browser, { slug: 'acme', port: server.port, email: acme.ownerEmail, password: acme.ownerPassword });
    await page.getByRole('link', { name: 'Tasks' }).first().click();
    await waitForText(page.getByTestId('sync-indicator'), 'Online');

    await goOffline(context);
    await page.getByLabel('New task').fill('Made while the plan changed');
    await page.getByLabel('New task').press('Enter');
    await page.getByRole('list', { name: 'Tasks' }).getByText('Made while the plan changed').waitFor();

    const tenant = await t.p.tenantCache.get('acme');
    await applyPlanPermissions(t.p.pools.get(tenant!).db, {
      planKey: 'crm-only', planName: 'CRM only', version: 3, modules: ['crm'],
      permissions: [...PERMISSIONS_BY_MODULE.crm], limits: { maxUsers: 5, mailCredits: 0 },
    });
    await goOnline(context);

    const banner = page.getByTestId('rejection');
    await waitForText(banner, "We couldn't add the task: you no longer have permission to do that.", 20_000);
    await page.getByRole('heading', { name: "You don't have access to this" }).waitFor();
    expect(await taskTitled(t.p, 'acme', 'Made while the plan changed')).toHaveLength(0);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ state: 'detached' });
    await context.close();
  });

  it('asks to sign in again when the session expires, and keeps what was typed meanwhile', async () => {
    const tenant = await t.p.tenantCache.get('acme');
    const db = t.p.pools.get(tenant!).db;
    // The previous test took the tasks module away; give the plan everything back.
    await applyPlanPermissions(db, {
      planKey: 'enterprise', planName: 'Enterprise', version: 4, modules: ['crm', 'tasks'],
      permissions: [...PERMISSIONS_BY_MODULE.crm, ...PERMISSIONS_BY_MODULE.tasks], limits: { maxUsers: 5, mailCredits: 0 },
    });
    const { context, page } = await signedInPage(browser, { slug: 'acme', port: server.port, email: acme.ownerEmail, password: acme.ownerPassword });
    await page.getByRole('link', { name: 'Tasks' }).first().click();
    await waitForText(page.getByTestId('sync-indicator'), 'Online');

    await db.update(sessions).set({ revokedAt: new Date() });
    await page.getByLabel('New task').fill('Typed as the session ended');
    await page.getByLabel('New task').press('Enter');
    await page.getByRole('alert').getByText('Your session has expired').waitFor({ timeout: 20_000 });
    expect(await taskTitled(t.p, 'acme', 'Typed as the session ended')).toHaveLength(0);

    await page.getByLabel('E-mail').fill(acme.ownerEmail);
    await page.getByLabel('Password').fill(acme.ownerPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('list', { name: 'Tasks' }).getByText('Typed as the session ended').waitFor();
    await eventually(() => taskTitled(t.p, 'acme', 'Typed as the session ended'), (r) => r.length === 1, 'the task on the server');
    await context.close();
  });
});
