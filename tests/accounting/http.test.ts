import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GSTINS } from '../../shared/gst/fixtures';
import { newID } from '../../shared/ids';
import { createUser } from '../../sync-server/tenancy/provision';
import { createTestPlatform, type TestPlatform, type TestTenant } from '../helpers/platform';
import { makeCompany, tenantConn } from './helpers';

let t: TestPlatform;
let acme: TestTenant;
let owner: string;
let rep: string;

async function login(email: string, password: string): Promise<string> {
  const res = await t.request(acme.host, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

function call(token: string, path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  return t.request(acme.host, path, { ...init, headers });
}

const invoice = {
  type: 'sale',
  date: '2024-08-05',
  party_gstin: GSTINS.kaBuyer,
  party_state: '29',
  reverse_charge: false,
  lines: [
    {
      hsn: '8471',
      description: 'Laptop',
      uqc: 'NOS',
      qty: 1,
      taxable_value: '1000.00',
      rate: 18,
      treatment: 'taxable',
    },
  ],
};

beforeAll(async () => {
  t = await createTestPlatform();
  acme = await t.tenant('acme');
  const conn = await tenantConn(t, 'acme');
  await makeCompany(conn, { legalName: 'Acme', gstin: GSTINS.company, stateCode: '27' });
  await createUser(conn.pool, {
    email: 'rep@acme.test',
    name: 'Rep',
    password: 'correct-horse-battery',
    roles: ['sales_rep'],
  });
  owner = await login(acme.ownerEmail, acme.ownerPassword);
  rep = await login('rep@acme.test', 'correct-horse-battery');
});

afterAll(async () => {
  await t.cleanup();
});

describe('accounting API', () => {
  it('lists companies to accounting readers only', async () => {
    const res = await call(owner, '/api/accounting/companies');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { companies: { gstin: string }[] };
    expect(body.companies.map((c) => c.gstin)).toEqual([GSTINS.company]);
    expect((await call(rep, '/api/accounting/companies')).status).toBe(403);
    expect((await t.request(acme.host, '/api/accounting/companies')).status).toBe(401);
  });

  it('requires the company on every call (CompanyRequired)', async () => {
    const none = await call(owner, '/api/accounting/invoices', {
      method: 'POST',
      body: JSON.stringify(invoice),
    });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { detail: string }).detail).toMatch(/name a company/);
    const other = await call(
      owner,
      `/api/accounting/reports/trial-balance?company=${GSTINS.tnSupplier}`,
    );
    expect(other.status).toBe(404);
  });

  it('creates a draft, posts it with a server number, and posts it again once', async () => {
    const id = newID();
    const q = `?company=${GSTINS.company}`;
    const created = await call(owner, `/api/accounting/invoices${q}`, {
      method: 'POST',
      body: JSON.stringify({ id, ...invoice }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      id,
      status: 'draft',
      number: null,
      type: 'sale',
      date: '2024-08-05',
    });

    const posted = await call(owner, `/api/accounting/invoices/${id}/post${q}`, { method: 'POST' });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toMatchObject({
      documentId: id,
      number: 'INV/2425/0001',
      alreadyPosted: false,
    });
    const again = await call(owner, `/api/accounting/invoices/${id}/post${q}`, { method: 'POST' });
    expect(await again.json()).toMatchObject({ number: 'INV/2425/0001', alreadyPosted: true });
    expect(
      (await call(rep, `/api/accounting/invoices/${id}/post${q}`, { method: 'POST' })).status,
    ).toBe(403);
  });

  it('lists the documents of a period with their totals', async () => {
    const res = await call(
      owner,
      `/api/accounting/invoices?company=${GSTINS.company}&from=2024-08-01&to=2024-08-31`,
    );
    const body = (await res.json()) as {
      documents: { number: string; status: string; total: number; party: string }[];
    };
    expect(body.documents).toEqual([
      expect.objectContaining({
        number: 'INV/2425/0001',
        status: 'posted',
        total: 118000,
        party: GSTINS.kaBuyer,
      }),
    ]);
  });

  it('refuses an invalid draft with the line named', async () => {
    const bad = { ...invoice, lines: [{ ...invoice.lines[0], rate: 40 }] };
    const res = await call(owner, `/api/accounting/invoices?company=${GSTINS.company}`, {
      method: 'POST',
      body: JSON.stringify(bad),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toContain(
      'line 0, rate: 40% is not a GST rate on 2024-08-05',
    );
  });

  it('reports a balanced trial balance, the day book and a ledger statement', async () => {
    const q = `company=${GSTINS.company}`;
    const tb = (await (
      await call(owner, `/api/accounting/reports/trial-balance?${q}&to=2024-08-31`)
    ).json()) as {
      rows: { ledgerId: string; ledger: string; debit: number; credit: number }[];
      totalDebit: number;
      totalCredit: number;
    };
    // 1,000 + 18% IGST inter-state: the Karnataka buyer owes 1,180.00.
    expect(tb.totalDebit).toBe(118000);
    expect(tb.totalCredit).toBe(118000);
    const party = tb.rows.find((r) => r.debit === 118000);
    const day = (await (
      await call(owner, `/api/accounting/reports/day-book?${q}&from=2024-08-01&to=2024-08-31`)
    ).json()) as { vouchers: unknown[] };
    expect(day.vouchers).toHaveLength(1);
    const st = await call(
      owner,
      `/api/accounting/reports/ledger/${party?.ledgerId ?? ''}?${q}&from=2024-08-01&to=2024-08-31`,
    );
    expect(await st.json()).toMatchObject({ opening: 0, closing: 118000 });
  });

  it('downloads GSTR-1 and GSTR-3B as JSON and CSV', async () => {
    const q = `company=${GSTINS.company}&period=082024`;
    const g1 = await call(owner, `/api/accounting/gst/gstr1?${q}`);
    expect(g1.headers.get('content-type')).toContain('application/json');
    expect(((await g1.json()) as { b2b: unknown[] }).b2b).toHaveLength(1);
    const csv = await call(owner, `/api/accounting/gst/gstr3b?${q}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(`gstr3b_${GSTINS.company}_082024.csv`);
    expect(await csv.text()).toContain('# gstr3b_3_1');
    expect((await call(rep, `/api/accounting/gst/gstr1?${q}`)).status).toBe(403);
  });

  it('records a receipt as a draft, posts it, and lists the ledgers', async () => {
    const q = `?company=${GSTINS.company}`;
    const id = newID();
    const body = JSON.stringify({
      id,
      type: 'receipt',
      date: '2024-08-20',
      partyGstin: GSTINS.kaBuyer,
      amount: '1180.00',
    });
    const created = await call(owner, `/api/accounting/settlements${q}`, { method: 'POST', body });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      id,
      status: 'draft',
      type: 'receipt',
      date: '2024-08-20',
      amount: 118000,
    });
    const again = await call(owner, `/api/accounting/settlements${q}`, { method: 'POST', body });
    expect(again.status).toBe(201);
    const posted = await call(owner, `/api/accounting/invoices/${id}/post${q}`, { method: 'POST' });
    expect(await posted.json()).toMatchObject({ number: 'RCT/2425/0001', alreadyPosted: false });

    const ledgers = (await (await call(owner, `/api/accounting/ledgers${q}`)).json()) as {
      ledgers: {
        id: string;
        name: string;
        group: string;
        partyGstin: string | null;
        system: boolean;
      }[];
    };
    const party = ledgers.ledgers.find((l) => l.partyGstin === GSTINS.kaBuyer);
    expect(party).toMatchObject({ group: 'Sundry Debtors', system: false });
    const st = await call(
      owner,
      `/api/accounting/reports/ledger/${party?.id ?? ''}${q}&from=2024-08-01&to=2024-08-31`,
    );
    // Invoiced 1,180.00, received 1,180.00: settled.
    expect(await st.json()).toMatchObject({ opening: 0, closing: 0 });
    const bad = await call(owner, `/api/accounting/settlements${q}`, {
      method: 'POST',
      body: JSON.stringify({ type: 'receipt', date: '2024-08-20', amount: '-5' }),
    });
    expect(bad.status).toBe(400);
  });
});
