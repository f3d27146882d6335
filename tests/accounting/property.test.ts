import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GSTINS } from '../../shared/gst/fixtures';
import { newID } from '../../shared/ids';
import { systemLedgers } from '../../sync-server/accounting/companies';
import { gstReturns } from '../../sync-server/accounting/gst-returns';
import { insertSettlement } from '../../sync-server/accounting/documents';
import { importDocuments } from '../../sync-server/accounting/import';
import { postDocument } from '../../sync-server/accounting/posting';
import { trialBalance } from '../../sync-server/accounting/reports';
import type { TenantConnection } from '../../sync-server/tenancy/pools';
import type { TestPlatform } from '../helpers/platform';
import { gstinFor, makeCompany, platformWithAcme, unbalancedVouchers } from './helpers';

/**
 * Random months of invoices, notes and purchases, imported through the books: every voucher
 * balances, the trial balance balances, GSTR-1's sections add up to the GSTR-3B rows they
 * feed, and the tax ledgers hold exactly what GSTR-3B reports.
 */

let t: TestPlatform;
let conn: TenantConnection;
let run = 0;
let nonEmptyReturns = 0;

const paise = (rupees: number | undefined): bigint => BigInt(Math.round((rupees ?? 0) * 100));
const rupees = (p: number): string => `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;

const arbLine = fc
  .record({
    value: fc.integer({ min: 1, max: 30_000_000 }),
    rate: fc.constantFrom(5, 12, 18, 28),
    cess: fc.constantFrom(0, 0, 0, 12),
    treatment: fc.constantFrom('taxable', 'taxable', 'taxable', 'nil', 'exempt', 'non_gst'),
    hsn: fc.constantFrom('8471', '8473', '4820', '9983'),
  })
  .map((l) => ({
    hsn: l.hsn,
    description: `Item ${l.hsn}`,
    uqc: l.hsn.startsWith('99') ? 'NA' : 'NOS',
    qty: 1,
    taxable_value: rupees(l.value),
    rate: l.treatment === 'taxable' ? l.rate : 0,
    cess_rate: l.treatment === 'taxable' ? l.cess : 0,
    treatment: l.treatment,
  }));

const PARTIES = {
  mh: { party_gstin: GSTINS.mhBuyer, party_state: '27' },
  ka: { party_gstin: GSTINS.kaBuyer, party_state: '29' },
  retailMh: { party_gstin: null, party_name: 'Walk-in Pune', party_state: '27' },
  retailKa: { party_gstin: null, party_name: 'Walk-in Mysuru', party_state: '29' },
  tn: { party_gstin: GSTINS.tnSupplier, party_state: '33' },
} as const;

const arbDoc = fc.record({
  kind: fc.constantFrom(
    'sale',
    'sale',
    'sale',
    'credit_note',
    'debit_note',
    'purchase',
    'rcm_purchase',
  ),
  party: fc.constantFrom('mh', 'ka', 'retailMh', 'retailKa'),
  day: fc.integer({ min: 1, max: 31 }),
  againstValue: fc.integer({ min: 1, max: 40_000_000 }),
  lines: fc.array(arbLine, { minLength: 1, maxLength: 3 }),
});

const arbSettlement = fc.record({
  type: fc.constantFrom('receipt' as const, 'payment' as const),
  date: fc.integer({ min: 1, max: 31 }).map((d) => `2024-08-${String(d).padStart(2, '0')}`),
  partyGstin: fc.constantFrom(GSTINS.mhBuyer, GSTINS.kaBuyer),
  partyName: fc.constant(null),
  partyState: fc.constant(null),
  amount: fc.integer({ min: 1, max: 10_000_000 }).map(rupees),
  via: fc.constantFrom('bank' as const, 'cash' as const),
});

type ArbDoc = typeof arbDoc extends fc.Arbitrary<infer T> ? T : never;

function toImport(docs: readonly ArbDoc[]): Record<string, unknown>[] {
  return docs.map((d, i) => {
    const date = `2024-08-${String(d.day).padStart(2, '0')}`;
    const base = { number: `D-${i}`, date, reverse_charge: false, lines: d.lines };
    if (d.kind === 'purchase') return { ...base, type: 'purchase', ...PARTIES.mh };
    if (d.kind === 'rcm_purchase')
      return { ...base, type: 'purchase', ...PARTIES.tn, reverse_charge: true };
    const party = PARTIES[d.party as keyof typeof PARTIES];
    if (d.kind === 'sale') return { ...base, type: 'sale', ...party };
    const against = { number: `D-${i}X`, date: '2024-08-01', value: rupees(d.againstValue) };
    return { ...base, type: d.kind, ...party, against };
  });
}

interface Heads {
  txval: bigint;
  iamt: bigint;
  camt: bigint;
  samt: bigint;
  csamt: bigint;
}
const zero = (): Heads => ({ txval: 0n, iamt: 0n, camt: 0n, samt: 0n, csamt: 0n });
type JsonHeads = { txval?: number; iamt?: number; camt?: number; samt?: number; csamt?: number };

function add(into: Heads, h: JsonHeads, sign = 1n): void {
  into.txval += sign * paise(h.txval);
  into.iamt += sign * paise(h.iamt);
  into.camt += sign * paise(h.camt);
  into.samt += sign * paise(h.samt);
  into.csamt += sign * paise(h.csamt);
}

type Items = { itms: { itm_det: JsonHeads }[] };
type Note = Items & { ntty: 'C' | 'D' };

/** The GSTR-1 sections that feed 3.1(a), summed with credit notes subtracted. */
function gstr1Outward(g: {
  b2b?: { inv: Items[] }[];
  b2cl?: { inv: Items[] }[];
  b2cs?: JsonHeads[];
  cdnr?: { nt: Note[] }[];
  cdnur?: Note[];
}): Heads {
  const total = zero();
  for (const inv of [...(g.b2b ?? []), ...(g.b2cl ?? [])].flatMap((x) => x.inv)) {
    inv.itms.forEach((it) => add(total, it.itm_det));
  }
  (g.b2cs ?? []).forEach((row) => add(total, row));
  for (const nt of [...(g.cdnr ?? []).flatMap((x) => x.nt), ...(g.cdnur ?? [])]) {
    nt.itms.forEach((it) => add(total, it.itm_det, nt.ntty === 'C' ? -1n : 1n));
  }
  return total;
}

beforeAll(async () => {
  ({ t, conn } = await platformWithAcme());
});

afterAll(async () => {
  await t.cleanup();
});

describe('random months through the books', () => {
  it('balance every voucher and the trial balance, and GSTR-1 agrees with GSTR-3B and the ledgers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbDoc, { minLength: 1, maxLength: 10 }),
        fc.array(arbSettlement, { maxLength: 3 }),
        async (docs, settlements) => {
          run += 1;
          const company = await makeCompany(conn, {
            legalName: `Co ${run}`,
            gstin: gstinFor('27', run),
            stateCode: '27',
          });
          const imported = await importDocuments(conn.db, company, toImport(docs), {
            now: new Date(),
            newId: newID,
          });
          if (!imported.ok) throw imported.error;
          expect(imported.value.imported).toHaveLength(docs.length);

          for (const st of settlements) {
            const draft = await insertSettlement(conn.db, company, st, {
              number: null,
              newId: newID,
            });
            if (!draft.ok) throw draft.error;
            const posted = await postDocument(conn.db, company, draft.value.id, {
              now: new Date(),
              newId: newID,
            });
            if (!posted.ok) throw posted.error;
          }

          expect(await unbalancedVouchers(conn)).toEqual([]);
          const tb = await trialBalance(conn.db, company, '2025-03-31');
          expect(tb.totalDebit).toBe(tb.totalCredit);

          const returns = await gstReturns(conn.db, company, '082024');
          if (!returns.ok) throw returns.error;
          const { gstr1, gstr3b } = returns.value;
          const outward = zero();
          add(outward, gstr3b.sup_details.osup_det);
          expect(gstr1Outward(gstr1)).toEqual(outward);
          if (outward.iamt !== 0n || outward.camt !== 0n) nonEmptyReturns += 1;

          const nil = (gstr1.nil?.inv ?? []).reduce(
            (s, r) => s + paise(r.nil_amt) + paise(r.expt_amt),
            0n,
          );
          expect(nil).toBe(paise(gstr3b.sup_details.osup_nil_exmp.txval));
          const nonGst = (gstr1.nil?.inv ?? []).reduce((s, r) => s + paise(r.ngsup_amt), 0n);
          expect(nonGst).toBe(paise(gstr3b.sup_details.osup_nongst.txval));

          // The books: output tax ledgers hold 3.1(a) plus reverse-charge tax on purchases;
          // input tax ledgers hold the ITC of table 4.
          const ledgers = await systemLedgers(conn.db, company.id);
          const balance = (id: string) => {
            const row = tb.rows.find((r) => r.ledgerId === id);
            return row === undefined ? 0n : row.debit - row.credit;
          };
          const rev = gstr3b.sup_details.isup_rev;
          expect(-balance(ledgers.output_igst)).toBe(outward.iamt + paise(rev.iamt));
          expect(-balance(ledgers.output_cgst)).toBe(outward.camt + paise(rev.camt));
          expect(-balance(ledgers.output_cess)).toBe(outward.csamt + paise(rev.csamt));
          const itc = gstr3b.itc_elg.itc_net;
          expect(balance(ledgers.input_igst)).toBe(paise(itc.iamt));
          expect(balance(ledgers.input_sgst)).toBe(paise(itc.samt));
          expect(balance(ledgers.input_cess)).toBe(paise(itc.csamt));
        },
      ),
      { numRuns: 8, seed: 20240805 },
    );
    // The generator is not degenerate: most months have outward tax.
    expect(nonEmptyReturns).toBeGreaterThanOrEqual(4);
  });
});
