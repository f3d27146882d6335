import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { stopAdminServices } from '../../sync-server/admin/services';
import type { RunningServer } from '../../sync-server/http/server';
import { createUser } from '../../sync-server/tenancy/provision';
import { adminClient, adminLogin, makeAdmin } from '../admin/admin-helpers';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';
import {
  ensureClientBuilt,
  expectNoAccess,
  goOffline,
  goOnline,
  launchBrowser,
  signedInPage,
  waitForText,
} from './harness';

// No Razorpay keys: subscriptions go through the manual (invoice-only) adapter, active at once.
delete process.env.RAZORPAY_KEY_ID;
delete process.env.RAZORPAY_KEY_SECRET;

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
  await createUser(t.p.pools.get(tenant).pool, {
    email: 'ravi@acme.test',
    name: 'Ravi Kumar',
    password: 'correct-horse-battery',
    roles: ['sales_rep'],
  });
  server = await t.listen();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (t) stopAdminServices(t.p);
  await t?.cleanup();
});

/** Signs the owner in on a new browser context and opens Plan & billing from the main menu. */
async function ownerOnBilling(): ReturnType<typeof signedInPage> {
  const signedIn = await signedInPage(browser, {
    slug: 'acme',
    port: server.port,
    email: acme.ownerEmail,
    password: acme.ownerPassword,
  });
  await signedIn.page
    .getByRole('navigation', { name: 'Main', exact: true })
    .getByRole('link', { name: 'Plan & billing' })
    .click();
  await signedIn.page.getByRole('heading', { name: 'Plan & billing' }).waitFor();
  return signedIn;
}

describe('Plan & billing screen in the browser', () => {
  it('shows the plan and "no subscription" before one exists', async () => {
    const { context, page } = await ownerOnBilling();
    expect(await waitForText(page.getByTestId('plan-name'), 'Enterprise')).toBe('Enterprise');
    expect(await page.getByTestId('plan-modules').textContent()).toContain('Production');
    await page.getByTestId('subscription-none').waitFor();
    await context.close();
  });

  it('shows the status, plan, period end and provider of a manual subscription', async () => {
    const api = adminClient(t, await adminLogin(t, await makeAdmin(t)));
    const made = await api<{ subscription: { currentPeriodEnd: string } }>(
      'POST',
      '/api/admin/tenants/acme/subscription',
      { plan: 'growth' },
    );
    expect(made.status).toBe(200);

    const { context, page } = await ownerOnBilling();
    expect(await waitForText(page.getByTestId('subscription-status'), 'Active')).toBe('Active');
    expect(await page.getByTestId('subscription-plan').textContent()).toBe('Growth');
    expect(await page.getByTestId('subscription-provider').textContent()).toContain(
      'Invoiced by FocusApp',
    );
    const year = String(new Date(made.body.subscription.currentPeriodEnd).getFullYear());
    expect(await page.getByTestId('subscription-period-end').textContent()).toContain(year);
    // The manual subscription switched the plan itself; the plan card follows it.
    expect(await waitForText(page.getByTestId('plan-name'), 'Growth')).toBe('Growth');
    await context.close();
  });

  it('says the subscription needs a connection when offline', async () => {
    const { context, page } = await ownerOnBilling();
    // Whichever the earlier tests left: a subscription's status, or "no subscription".
    const answered = page
      .getByTestId('subscription-status')
      .or(page.getByTestId('subscription-none'));
    await answered.waitFor();

    // Leave while online (so the next screen's code can load), cut the network, come back
    // through the menu: the screen reads again and has no answer.
    const nav = page.getByRole('navigation', { name: 'Main', exact: true });
    await nav.getByRole('link', { name: 'Pipeline' }).click();
    // The Pipeline screen itself, not the loader: while its code loads, React keeps this
    // screen mounted (hidden), and coming back would find its old answer.
    await page.getByRole('heading', { name: 'Pipeline' }).waitFor();
    await goOffline(context);
    await nav.getByRole('link', { name: 'Plan & billing' }).click();
    const notice = page.getByTestId('subscription-notice');
    expect(await waitForText(notice, 'need a connection')).toContain('You are offline');
    // The plan's modules come from the replica, so they still show.
    expect(await page.getByTestId('plan-modules').textContent()).toContain('Tasks');

    // Back online, the browser's online event reads the subscription again.
    await goOnline(context);
    await answered.waitFor();
    await context.close();
  });

  it('shows no Plan & billing menu, and no billing, to a sales rep', async () => {
    await expectNoAccess(browser, {
      port: server.port,
      email: 'ravi@acme.test',
      password: 'correct-horse-battery',
      menu: 'Plan & billing',
      path: '/billing',
      absent: (page) => page.getByTestId('subscription-status'),
    });
  });
});
