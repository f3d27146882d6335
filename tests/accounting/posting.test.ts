import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GSTINS } from '../../shared/gst/fixtures';
import { isoDate } from '../../shared/gst/period';
import { newID } from '../../shared/ids';
import { closeFinancialYear, type Company } from '../../sync-server/accounting/companies';
import { createDraft, insertSettlement } from '../../sync-server/accounting/documents';
import { gstReturns } from '../../sync-server/accounting/gst-returns';
import { postDocument, reverseDocument } from '../../sync-server/accounting/posting';
import { dayBook, ledgerStatement, trialBalance } from '../../sync-server/accounting/reports';
import {
  accDocuments,
  accLedgers,
  accPartyLinks,
  accVouchers,
} from '../../sync-server/db/tenant/accounting';
import {
  companies as crmCompanies,
  contacts as crmContacts,
} from '../../sync-server/db/tenant/crm';
import type { TenantConnection } from '../../sync-server/tenancy/pools';
import type { TestPlatform } from '../helpers/platform';
import { makeCompany, platformWithAcme, unbalancedVouchers } from './helpers';

let t: TestPlatform;
let conn: TenantConnection;
let company: Company;
const ctx = () => ({ now: new Date('2024-09-01T10:00:00Z'), newId: newID });

const sale = (overrides: Record<string, unknown> = {}) => ({
  type: 'sale',
  date: '2024-08-05',
  party_gstin: GSTINS.mhBuyer,
  party_name: 'Mumbai Traders',
  party_state: '27',
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
  ...overrides,
});

async function draft(overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await createDraft(conn.db, company, sale(overrides), { newId: newID });
  if (!r.ok) throw r.error;
  return r.value.id;
}

beforeAll(async () => {
  ({ t, conn } = await platformWithAcme());
  // A CRM company with the buyer's GSTIN: the party ledger links to it.
  await conn.db
    .insert(crmCompanies)
    .values({ id: 'crm-mumbai', name: 'Mumbai Traders', gstin: GSTINS.mhBuyer, version: 1 });
  company = await makeCompany(conn, { legalName: 'Acme', gstin: GSTINS.company, stateCode: '27' });
});

afterAll(async () => {
  await t.cleanup();
});

describe('posting', () => {
  it('posts 20 drafts at once in one series with 20 distinct consecutive numbers (P-4)', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => draft()));
    const results = await Promise.all(ids.map((id) => postDocument(conn.db, company, id, ctx())));
    const numbers = results.map((r) => (r.ok ? r.value.number : r.error.message)).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `INV/2425/${String(i + 1).padStart(4, '0')}`),
    );
    expect(await unbalancedVouchers(conn)).toEqual([]);
  });

  it('posts a document twice once (P-1)', async () => {
    const id = await draft();
    const first = await postDocument(conn.db, company, id, ctx());
    const second = await postDocument(conn.db, company, id, ctx());
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.value).toEqual({ ...first.value, alreadyPosted: true });
    const vouchers = await conn.db.select().from(accVouchers).where(eq(accVouchers.documentId, id));
    expect(vouchers).toHaveLength(1);
  });

  it('returns the same draft for the same client id', async () => {
    const id = newID();
    const a = await createDraft(conn.db, company, sale(), { id, newId: newID });
    const b = await createDraft(conn.db, company, sale(), { id, newId: newID });
    expect(a.ok && b.ok && a.value.id === b.value.id).toBe(true);
  });

  it('books an intra-state sale as party debit against sales and output CGST/SGST', async () => {
    const id = await draft({
      lines: [
        {
          hsn: '8471',
          description: 'Laptop',
          uqc: 'NOS',
          qty: 2,
          taxable_value: '2500.50',
          rate: 18,
          treatment: 'taxable',
        },
      ],
    });
    const posted = await postDocument(conn.db, company, id, ctx());
    if (!posted.ok) throw posted.error;
    const [voucher] = await dayBook(conn.db, company, {
      from: '2024-08-05',
      to: '2024-08-05',
    }).then((v) => v.filter((x) => x.voucherId === posted.value.voucherId));
    // 2,500.50 × 9% = 225.045 -> 225.05 for each of CGST and SGST; party owes 2,950.60.
    expect(voucher?.lines.map((l) => [l.ledger, l.debit, l.credit])).toEqual([
      ['Mumbai Traders', 295060n, 0n],
      ['Sales', 0n, 250050n],
      ['Output CGST', 0n, 22505n],
      ['Output SGST', 0n, 22505n],
    ]);
  });

  it('provisions one ledger per party and links it to the CRM company, not touching the CRM row', async () => {
    const ledgers = await conn.db
      .select()
      .from(accLedgers)
      .where(and(eq(accLedgers.companyId, company.id), eq(accLedgers.partyKey, GSTINS.mhBuyer)));
    expect(ledgers).toHaveLength(1);
    const links = await conn.db
      .select()
      .from(accPartyLinks)
      .where(eq(accPartyLinks.ledgerId, ledgers[0]?.id ?? ''));
    expect(links).toEqual([
      { ledgerId: ledgers[0]?.id, companyId: company.id, crmKind: 'company', crmId: 'crm-mumbai' },
    ]);
  });

  it('links a new party ledger to the CRM contact named on the draft, and refuses an unknown one', async () => {
    await conn.db.insert(crmContacts).values({ id: 'crm-asha', name: 'Asha Rao', version: 1 });
    const retail = {
      party_gstin: null,
      party_name: 'Asha (walk-in)',
      party_state: '27',
      crm_contact_id: 'crm-asha',
    };
    const r = await createDraft(conn.db, company, sale(retail), { newId: newID });
    if (!r.ok) throw r.error;
    const links = await conn.db
      .select()
      .from(accPartyLinks)
      .where(eq(accPartyLinks.ledgerId, r.value.partyLedgerId));
    expect(links).toMatchObject([{ crmKind: 'contact', crmId: 'crm-asha' }]);
    const missing = await createDraft(
      conn.db,
      company,
      sale({ ...retail, crm_contact_id: 'nobody' }),
      { newId: newID },
    );
    expect(!missing.ok && missing.error.message).toBe('no CRM contact nobody');
  });

  it('refuses a rate not valid on the document date', async () => {
    const r = await createDraft(
      conn.db,
      company,
      sale({
        date: '2025-10-01',
        lines: [
          {
            hsn: '8471',
            description: 'x',
            uqc: 'NOS',
            qty: 1,
            taxable_value: '10',
            rate: 7,
            treatment: 'taxable',
          },
        ],
      }),
      { newId: newID },
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toContain('line 0, rate: 7% is not a GST rate on 2025-10-01');
  });

  it('reverses a posted document once, and the ledger nets to nothing for it', async () => {
    const id = await draft({ date: '2024-08-07' });
    const posted = await postDocument(conn.db, company, id, ctx());
    if (!posted.ok) throw posted.error;
    const first = await reverseDocument(conn.db, company, id, ctx());
    const again = await reverseDocument(conn.db, company, id, ctx());
    expect(first.ok && !first.value.alreadyReversed).toBe(true);
    expect(again.ok && again.value.alreadyReversed).toBe(true);
    const day = await dayBook(conn.db, company, { from: '2024-08-07', to: '2024-08-07' });
    expect(day.map((v) => v.kind)).toEqual(['sale', 'reversal']);
    const sum = (side: 'debit' | 'credit') =>
      day.flatMap((v) => v.lines).reduce((s, l) => s + l[side], 0n);
    expect(sum('debit')).toBe(sum('credit'));
    const [doc] = await conn.db.select().from(accDocuments).where(eq(accDocuments.id, id));
    expect(doc?.status).toBe('reversed');
    const returns = await gstReturns(conn.db, company, '082024');
    if (!returns.ok) throw returns.error;
    const numbers = returns.value.gstr1.b2b?.flatMap((b) => b.inv.map((i) => i.inum)) ?? [];
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).not.toContain(posted.value.number);
    const draftOnly = await draft();
    const refused = await reverseDocument(conn.db, company, draftOnly, ctx());
    expect(!refused.ok && refused.error.code).toBe('validation');
  });

  it('records a receipt and shows it in the ledger statement with a running balance', async () => {
    const r = await insertSettlement(
      conn.db,
      company,
      {
        type: 'receipt',
        date: '2024-08-25',
        partyGstin: GSTINS.mhBuyer,
        partyName: null,
        partyState: null,
        amount: '1000.00',
        via: 'bank',
      },
      { number: null, newId: newID },
    );
    if (!r.ok) throw r.error;
    const posted = await postDocument(conn.db, company, r.value.id, ctx());
    expect(posted.ok && posted.value.number).toBe('RCT/2425/0001');
    const statement = await ledgerStatement(conn.db, company, r.value.partyLedgerId, {
      from: '2024-08-25',
      to: '2024-08-31',
    });
    if (!statement.ok) throw statement.error;
    const s = statement.value;
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).toMatchObject({ credit: 100000n, balance: s.opening - 100000n });
    expect(s.closing).toBe(s.opening - 100000n);
    expect(s.opening > 0n).toBe(true);
  });

  it('keeps the trial balance balanced', async () => {
    const tb = await trialBalance(conn.db, company, '2025-03-31');
    expect(tb.totalDebit).toBe(tb.totalCredit);
    expect(tb.totalDebit > 0n).toBe(true);
  });

  it('refuses postings in a closed financial year', async () => {
    const id = await draft({ date: '2023-11-01' });
    await closeFinancialYear(conn.db, company, isoDate('2023-11-01'), new Date(), newID);
    const r = await postDocument(conn.db, company, id, ctx());
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({
        code: 'validation',
        message: 'financial year 2023-04-01 to 2024-03-31 is closed',
      });
  });

  it("doesn't find another company's document", async () => {
    const other = await makeCompany(conn, {
      legalName: 'Other',
      gstin: GSTINS.kaBuyer,
      stateCode: '29',
    });
    const id = await draft();
    const r = await postDocument(conn.db, other, id, ctx());
    expect(!r.ok && r.error.code).toBe('not_found');
  });
});
