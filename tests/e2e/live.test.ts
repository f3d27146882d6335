import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PERMISSIONS_BY_MODULE } from '../../shared/permissions';
import type { RunningServer } from '../../sync-server/http/server';
import { applyPlanPermissions } from '../../sync-server/tenancy/plan-permissions';
import { createUser } from '../../sync-server/tenancy/provision';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';
import { commentsOf, dealTitled, eventually, taskTitled } from './db';
import { ensureClientBuilt, launchBrowser, signedInPage, waitForText } from './harness';

let t: TestPlatform;
let acme: TestTenant;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await ensureClientBuilt();
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  const tenant = await t.p.tenantCache.get('acme');
  if (!tenant) throw new Error('no tenant');
  await createUser(t.p.pools.get(tenant).pool, { email: 'ravi@acme.test', name: 'Ravi Kumar', password: 'correct-horse-battery', roles: ['sales_rep'] });
  server = await t.listen();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.cleanup();
});

describe('live collaboration between two signed-in browsers', () => {
  it('shows a task and a comment made in one browser in the other within 2 s, without reload', async () => {
    const a = await signedInPage(browser, { slug: 'acme', port: server.port, email: acme.ownerEmail, password: acme.ownerPassword });
    const b = await signedInPage(browser, { slug: 'acme', port: server.port, email: 'ravi@acme.test', password: 'correct-horse-battery' });

    await a.page.getByRole('link', { name: 'Tasks' }).first().click();
    await b.page.getByRole('link', { name: 'Tasks' }).first().click();
    await b.page.getByRole('tab', { name: 'All tasks' }).click();

    await a.page.getByLabel('New task').fill('Call Mehta about the GST invoice');
    await a.page.getByLabel('New task').press('Enter');
    const row = b.page.getByRole('list', { name: 'Tasks' }).getByText('Call Mehta about the GST invoice');
    await row.waitFor({ timeout: 2_000 });

    const [saved] = await eventually(() => taskTitled(t.p, 'acme', 'Call Mehta about the GST invoice'), (r) => r.length === 1, 'the task on the server');
    expect(saved).toBeDefined();
    await row.click();
    await b.page.getByRole('heading', { name: /Comments/ }).waitFor();

    await a.page.goto(b.page.url());
    await a.page.getByLabel('Write a comment').fill('Sent the revised quote, @Ravi');
    await a.page.getByRole('option', { name: '@Ravi Kumar' }).click();
    await a.page.getByRole('button', { name: 'Post' }).click();

    await b.page.getByTestId('comments').getByText('Sent the revised quote').waitFor({ timeout: 2_000 });
    expect(await waitForText(b.page.getByTestId('comments').locator('mark.mention'), '@Ravi Kumar')).toBe('@Ravi Kumar');
    const comments = await eventually(() => commentsOf(t.p, 'acme', saved!.id), (r) => r.length === 1, 'the comment on the server');
    expect(comments[0]?.body).toBe('Sent the revised quote, @Ravi Kumar');

    await a.context.close();
    await b.context.close();
  });

  it('moves a deal to the next stage with the keyboard only, then by pointer drag', async () => {
    const a = await signedInPage(browser, { slug: 'acme', port: server.port, email: acme.ownerEmail, password: acme.ownerPassword });
    await a.page.getByRole('link', { name: 'Pipeline' }).first().click();
    await a.page.getByRole('button', { name: 'New deal' }).click();
    await a.page.getByLabel('Title').fill('Sharma Textiles looms');
    await a.page.getByLabel('Value (₹)').fill('1250000');
    await a.page.getByRole('button', { name: 'Add deal' }).click();

    const card = a.page.getByRole('listitem', { name: /Sharma Textiles looms/ });
    await waitForText(card.locator('.deal-value'), '₹12,50,000');
    await card.focus();
    await a.page.keyboard.press('Space');
    await waitForText(a.page.getByTestId('kanban-live'), 'Picked up Sharma Textiles looms');
    await a.page.keyboard.press('ArrowRight');
    await waitForText(a.page.getByTestId('kanban-live'), 'Qualified, position 1');
    await a.page.keyboard.press('Space');

    await a.page.getByRole('region', { name: 'Qualified' }).getByRole('listitem', { name: /Sharma Textiles looms/ }).waitFor();
    await waitForText(a.page.getByTestId('total-qualified'), '₹12.5 L');
    await eventually(() => dealTitled(t.p, 'acme', 'Sharma Textiles looms'), (r) => r[0]?.stage === 'qualified', 'the move on the server');

    // And with the pointer: drag the card onto the Proposal column.
    const from = await a.page.getByRole('region', { name: 'Qualified' }).getByRole('listitem', { name: /Sharma Textiles looms/ }).boundingBox();
    const to = await a.page.getByRole('region', { name: 'Proposal' }).boundingBox();
    await a.page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await a.page.mouse.down();
    await a.page.mouse.move(to!.x + to!.width / 2, to!.y + 80, { steps: 8 });
    await a.page.mouse.up();
    await a.page.getByRole('region', { name: 'Proposal' }).getByRole('listitem', { name: /Sharma Textiles looms/ }).waitFor();
    await eventually(() => dealTitled(t.p, 'acme', 'Sharma Textiles looms'), (r) => r[0]?.stage === 'proposal', 'the drag on the server');
    expect(await a.page.getByRole('dialog').count()).toBe(0);

    // A click (no drag) opens the deal, with its own collaborative note.
    await a.page.getByRole('region', { name: 'Proposal' }).getByRole('listitem', { name: /Sharma Textiles looms/ }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Sharma Textiles looms' });
    await dialog.locator('.note-body').click();
    await a.page.keyboard.type('Wants 40 looms by March.');
    await waitForText(dialog.locator('.note-body'), 'Wants 40 looms by March.');
    await a.context.close();
  });

  it('hides a module\'s menu as soon as the plan stops granting it, without reload', async () => {
    const a = await signedInPage(browser, { slug: 'acme', port: server.port, email: acme.ownerEmail, password: acme.ownerPassword });
    await a.page.getByRole('link', { name: 'Tasks' }).first().click();
    await a.page.getByLabel('New task').waitFor();

    const tenant = await t.p.tenantCache.get('acme');
    await applyPlanPermissions(t.p.pools.get(tenant!).db, {
      planKey: 'crm-only', planName: 'CRM only', version: 2, modules: ['crm'],
      permissions: [...PERMISSIONS_BY_MODULE.crm], limits: { maxUsers: 5, mailCredits: 0 },
    });
    await t.p.bus.publish('acme', { type: 'poke' });

    const menu = a.page.getByRole('navigation', { name: 'Main', exact: true });
    await menu.getByRole('link', { name: 'Tasks' }).waitFor({ state: 'detached', timeout: 5_000 });
    await a.page.getByRole('heading', { name: "You don't have access to this" }).waitFor();
    expect(await menu.getByRole('link', { name: 'Pipeline' }).count()).toBe(1);
    await a.context.close();
  });
});
