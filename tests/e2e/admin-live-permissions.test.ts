import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAdminUser } from '../../sync-server/admin/admin-users';
import { stopAdminServices } from '../../sync-server/admin/services';
import { totpCode } from '../../sync-server/admin/totp';
import type { RunningServer } from '../../sync-server/http/server';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';
import { ensureClientBuilt, launchBrowser, signedInPage } from './harness';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let t: TestPlatform;
let acme: TestTenant;
let server: RunningServer;
let browser: Browser;
let admin: { email: string; password: string; secret: string };

/** Build the admin SPA into dist/admin (production React, as served). */
async function buildAdmin(): Promise<void> {
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(ROOT, 'admin/vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

beforeAll(async () => {
  await ensureClientBuilt();
  await buildAdmin();
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  const r = await createAdminUser(t.p, { email: 'ops@focus.test', password: 'admin-password-1' });
  if (!r.ok) throw r.error;
  admin = { email: 'ops@focus.test', password: 'admin-password-1', secret: r.value.totpSecret };
  server = await t.listen();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (t) stopAdminServices(t.p);
  await t?.cleanup();
});

async function adminPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://admin.localhost:${server.port}/`);
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByLabel('Authenticator code').fill(totpCode(admin.secret, new Date()));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  return page;
}

async function setTasksModule(page: Page, on: boolean): Promise<void> {
  const box = page.getByRole('checkbox', { name: /^Tasks/ });
  if (on) await box.check();
  else await box.uncheck();
  await page.getByRole('button', { name: 'Save plan' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /Saved Enterprise/ })
    .waitFor();
}

describe('a plan change made in the admin SPA reaches an open tenant tab live (docs/admin.md, A-7)', () => {
  it('removing a module hides it within 5 s; adding it back brings its data back', async () => {
    const user = await signedInPage(browser, {
      slug: 'acme',
      port: server.port,
      email: acme.ownerEmail,
      password: acme.ownerPassword,
    });
    const tenantNav = user.page.getByRole('navigation', { name: 'Main', exact: true });
    await tenantNav.getByRole('link', { name: 'Tasks' }).click();
    await user.page.getByLabel('New task').fill('Renew the GST registration');
    await user.page.getByLabel('New task').press('Enter');
    await user.page
      .getByRole('list', { name: 'Tasks' })
      .getByText('Renew the GST registration')
      .waitFor();
    await tenantNav.getByRole('link', { name: 'Pipeline' }).click();

    const ops = await adminPage();
    await ops.getByRole('link', { name: 'Plans & permissions' }).click();
    await ops.getByRole('button', { name: /Enterprise/ }).click();
    await ops
      .getByLabel('Impact preview')
      .getByText(/reaches 1 tenant/)
      .waitFor();

    await ops.getByRole('checkbox', { name: /^Tasks/ }).uncheck();
    await ops.getByLabel('Impact preview').getByText('Lose modules: Tasks').waitFor();
    await setTasksModule(ops, false);
    // The 5-second budget of the issue is this wait's timeout, counted from the save.
    await tenantNav
      .getByRole('link', { name: 'Tasks' })
      .waitFor({ state: 'detached', timeout: 5_000 });
    expect(await tenantNav.getByRole('link', { name: 'Pipeline' }).count()).toBe(1);

    await setTasksModule(ops, true);
    await tenantNav.getByRole('link', { name: 'Tasks' }).waitFor({ timeout: 5_000 });
    await tenantNav.getByRole('link', { name: 'Tasks' }).click();
    await user.page
      .getByRole('list', { name: 'Tasks' })
      .getByText('Renew the GST registration')
      .waitFor({ timeout: 5_000 });

    await ops.context().close();
    await user.context.close();
  });
});
