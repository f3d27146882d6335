import { readFile } from 'node:fs/promises';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GSTINS } from '../../shared/gst/fixtures';
import { isoDate } from '../../shared/gst/period';
import { financialYearLabel, financialYearStart } from '../../sync-server/accounting/companies';
import type { RunningServer } from '../../sync-server/http/server';
import { createUser } from '../../sync-server/tenancy/provision';
import { run } from '../accounting/helpers';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';
import {
  ensureClientBuilt,
  expectNoAccess,
  launchBrowser,
  signedInPage,
  waitForText,
} from './harness';

let t: TestPlatform;
let acme: TestTenant;
let server: RunningServer;
let browser: Browser;

const COMPANY_NAME = 'Acme Traders LLP';

beforeAll(async () => {
  await ensureClientBuilt();
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  const made = await run(t, [
    'company:create',
    'acme',
    '--name',
    COMPANY_NAME,
    '--gstin',
    GSTINS.company,
    '--state',
    '27',
  ]);
  if (made.code !== 0) throw new Error(`company:create failed: ${made.err}`);
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
  await t?.cleanup();
});

/** The invoice date the form defaults to: today on the browser's (and this machine's) clock. */
function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

async function fillSale(
  page: Page,
  party: { gstin: string; name: string },
  value: string,
): Promise<void> {
  await page.getByRole('button', { name: 'New invoice' }).click();
  await page.getByLabel('Party GSTIN').fill(party.gstin);
  await page.getByLabel('Party name').fill(party.name);
  await page.getByLabel('Line 1 HSN/SAC').fill('8471');
  await page.getByLabel('Line 1 Description').fill('Laptop');
  await page.getByLabel('Line 1 Taxable value (₹)').fill(value);
  await page.getByLabel('Line 1 GST rate %').selectOption('18');
}

/** Signs the owner in on a new browser context and opens Accounting from the main menu. */
async function ownerOnAccounting(): ReturnType<typeof signedInPage> {
  const signedIn = await signedInPage(browser, {
    slug: 'acme',
    port: server.port,
    email: acme.ownerEmail,
    password: acme.ownerPassword,
  });
  await signedIn.page
    .getByRole('navigation', { name: 'Main', exact: true })
    .getByRole('link', { name: 'Accounting' })
    .click();
  return signedIn;
}

describe('accounting screens in the browser', () => {
  it('creates and posts a sale invoice, then finds it in the list, the trial balance and GSTR-1', async () => {
    const { context, page } = await ownerOnAccounting();

    // CompanyRequired: until a company is chosen, no books are shown.
    await page.getByTestId('company-required').waitFor();
    expect(await page.getByRole('button', { name: 'New invoice' }).count()).toBe(0);
    await page.getByLabel('Company').selectOption({ label: `${COMPANY_NAME} (${GSTINS.company})` });

    // Intra-state sale of ₹1,00,000 at 18%: CGST and SGST ₹9,000.00 each.
    await fillSale(page, { gstin: GSTINS.mhBuyer, name: 'Mehta Traders' }, '1,00,000');
    expect(await waitForText(page.getByTestId('preview-cgst'), '₹9,000.00')).toBe('₹9,000.00');
    expect(await page.getByTestId('preview-sgst').textContent()).toBe('₹9,000.00');
    expect(await page.getByTestId('preview-total').textContent()).toBe('₹1,18,000.00');
    expect(await page.getByLabel('Number').getAttribute('placeholder')).toBe('Number on posting');

    await page.getByRole('button', { name: 'Post sale invoice' }).click();
    const number = `INV/${financialYearLabel(financialYearStart(isoDate(todayIso())))}/0001`;
    await waitForText(page.getByTestId('flash'), `Sale invoice posted as ${number}.`);

    const row = page.getByTestId('invoice-row').filter({ hasText: number });
    await row.waitFor();
    expect(await row.textContent()).toContain('₹1,18,000.00');
    expect(await page.getByTestId('draft-row').count()).toBe(0);

    await page.getByRole('link', { name: 'Trial balance' }).click();
    await page.getByTestId('tb-balanced').waitFor();
    expect(await page.getByTestId('tb-debit').textContent()).toBe('₹1,18,000.00');
    expect(await page.getByTestId('tb-credit').textContent()).toBe('₹1,18,000.00');

    // The day book: the voucher heading and its four lines (debtor, sales, CGST, SGST).
    await page.getByRole('link', { name: 'Day book' }).click();
    const voucher = page
      .getByRole('table', { name: 'Vouchers' })
      .locator('tbody')
      .filter({ hasText: number });
    await voucher.waitFor();
    expect(await voucher.getByRole('row').count()).toBe(5);

    // The customer's ledger: the invoice is its one line, so the running balance is its value.
    await page.getByRole('link', { name: 'Ledgers' }).click();
    await page.getByRole('link', { name: 'Mehta Traders' }).click();
    const line = page
      .getByRole('table', { name: 'Statement' })
      .getByRole('row')
      .filter({ hasText: number });
    expect(await waitForText(line, '₹1,18,000.00 Dr')).toContain('₹1,18,000.00');
    expect(await page.getByTestId('closing-balance').textContent()).toBe('₹1,18,000.00 Dr');

    await page.getByRole('link', { name: 'GST returns' }).click();
    expect(await waitForText(page.getByTestId('gstr1-b2b-taxable'), '₹1,00,000.00')).toBe(
      '₹1,00,000.00',
    );
    expect(await waitForText(page.getByTestId('gstr3b-3.1a-taxable'), '₹1,00,000.00')).toBe(
      '₹1,00,000.00',
    );

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download GSTR-1 JSON' }).click(),
    ]);
    const gstr1 = JSON.parse(await readFile(await file.path(), 'utf8')) as {
      gstin: string;
      b2b: { ctin: string; inv: { inum: string; val: number }[] }[];
    };
    expect(gstr1.gstin).toBe(GSTINS.company);
    expect(gstr1.b2b).toMatchObject([
      { ctin: GSTINS.mhBuyer, inv: [{ inum: number, val: 118000 }] },
    ]);
    await context.close();
  });
  it('prepares a draft offline, lists it as not yet posted, and posts it once back online', async () => {
    const { context, page } = await ownerOnAccounting();
    // The company chosen in the first test is remembered per device; this is a new context.
    await page.getByLabel('Company').selectOption({ label: `${COMPANY_NAME} (${GSTINS.company})` });
    await page.getByRole('button', { name: 'New invoice' }).waitFor();

    await context.setOffline(true);
    // Inter-state (Karnataka buyer): ₹10,000 at 18% is IGST ₹1,800.00, worked out offline.
    await fillSale(page, { gstin: GSTINS.kaBuyer, name: 'Rao Stores' }, '10000');
    expect(await waitForText(page.getByTestId('preview-igst'), '₹1,800.00')).toBe('₹1,800.00');
    await page.getByRole('button', { name: 'Keep as draft' }).click();

    const draft = page.getByTestId('draft-row');
    await draft.waitFor();
    expect(await draft.textContent()).toContain('number on posting');
    expect(await draft.textContent()).toContain('draft – not yet posted');
    expect(await draft.textContent()).toContain('₹11,800.00');

    // Reopened, the draft is as it was typed; posting it offline queues it.
    await draft.getByRole('link', { name: 'number on posting' }).click();
    expect(await page.getByLabel('Party name').inputValue()).toBe('Rao Stores');
    await page.getByRole('button', { name: 'Post sale invoice' }).click();
    await waitForText(page.getByTestId('flash'), 'kept on this device');
    expect(await waitForText(draft, 'waiting for a connection')).toContain('number on posting');

    await context.setOffline(false);
    const number = `INV/${financialYearLabel(financialYearStart(isoDate(todayIso())))}/0002`;
    await waitForText(page.getByTestId('flash'), `Posted when the connection returned: ${number}.`);
    await page.getByTestId('invoice-row').filter({ hasText: number }).waitFor();
    expect(await page.getByTestId('draft-row').count()).toBe(0);
    await context.close();
  });
  it('shows no Accounting menu, and no books, to a user without accounting.read', async () => {
    await expectNoAccess(browser, {
      port: server.port,
      email: 'ravi@acme.test',
      password: 'correct-horse-battery',
      menu: 'Accounting',
      path: '/accounting/trial-balance',
      absent: (page) => page.getByLabel('Company'),
    });
  });
});
