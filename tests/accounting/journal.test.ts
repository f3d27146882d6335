import { describe, expect, it } from 'vitest';

import { post, rawDoc, rawLine } from '../../shared/gst/fixtures';
import type { SystemLedgers } from '../../sync-server/accounting/chart';
import { SYSTEM_LEDGERS } from '../../sync-server/accounting/chart';
import {
  assertBalanced,
  documentEntries,
  reversedEntries,
  settlementEntries,
} from '../../sync-server/accounting/journal';

/** Which ledgers each kind of document debits and credits (pure; ledger ids are the codes). */

const L = Object.fromEntries(
  SYSTEM_LEDGERS.map((l) => [l.code, l.code]),
) as unknown as SystemLedgers;

function entries(raw: Record<string, unknown>) {
  const [doc] = post([raw]);
  if (doc === undefined) throw new Error('no document');
  const lines = documentEntries(doc, 'party', L);
  assertBalanced(lines);
  return Object.fromEntries(lines.map((e) => [e.ledgerId, e.debit > 0n ? e.debit : -e.credit]));
}

describe('documentEntries', () => {
  it('books an inter-state sale with cess: party debit, sales and output credits', () => {
    // 10,000 × 28% = 2,800 IGST, × 12% = 1,200 cess.
    const line = rawLine({ taxable_value: '10000.00', rate: 28, cess_rate: 12 });
    expect(
      entries(rawDoc({ party_gstin: '29AAACR5055K1Z3', party_state: '29', lines: [line] })),
    ).toEqual({
      party: 1400000n,
      sales: -1000000n,
      output_igst: -280000n,
      output_cess: -120000n,
    });
  });

  it('mirrors a credit note', () => {
    const note = rawDoc({
      type: 'credit_note',
      number: 'CN-1',
      against: { number: 'INV-1', date: '2024-08-01', value: '1180' },
    });
    expect(entries(note)).toEqual({
      party: -118000n,
      sales: 100000n,
      output_cgst: 9000n,
      output_sgst: 9000n,
    });
  });

  it('books no tax on an outward reverse-charge invoice: the buyer pays it', () => {
    expect(entries(rawDoc({ reverse_charge: true }))).toEqual({ party: 100000n, sales: -100000n });
  });

  it('credits own output tax for a reverse-charge purchase and takes the input credit', () => {
    const doc = rawDoc({
      type: 'purchase',
      party_gstin: '33AAACT2727Q1Z3',
      party_state: '33',
      reverse_charge: true,
      lines: [rawLine({ hsn: '9965', uqc: 'NA', rate: 5 })],
    });
    expect(entries(doc)).toEqual({
      purchases: 100000n,
      input_igst: 5000n,
      party: -100000n,
      output_igst: -5000n,
    });
  });

  it('credits customs, not the supplier, for IGST on imported goods', () => {
    const doc = rawDoc({
      type: 'purchase',
      party_gstin: null,
      party_name: 'Shenzhen Co',
      party_state: '96',
    });
    expect(entries(doc)).toEqual({
      purchases: 100000n,
      input_igst: 18000n,
      party: -100000n,
      customs_igst: -18000n,
    });
  });

  it('books a purchase from a composition dealer at its value, with no credit', () => {
    const doc = rawDoc({
      type: 'purchase',
      party_gstin: '24ABCDE1234F2Z5',
      party_state: '24',
      party_category: 'composition',
    });
    expect(entries(doc)).toEqual({ purchases: 100000n, party: -100000n });
  });
});

describe('settlements and reversals', () => {
  it('debits the bank for a receipt and credits it for a payment', () => {
    expect(settlementEntries('receipt', 500n, 'party', 'bank')).toEqual([
      { ledgerId: 'bank', debit: 500n, credit: 0n },
      { ledgerId: 'party', debit: 0n, credit: 500n },
    ]);
    expect(reversedEntries(settlementEntries('payment', 500n, 'party', 'bank'))).toEqual([
      { ledgerId: 'party', debit: 0n, credit: 500n },
      { ledgerId: 'bank', debit: 500n, credit: 0n },
    ]);
  });
});

describe('assertBalanced', () => {
  it('throws on a voucher whose debits and credits differ (a broken invariant)', () => {
    const broken = [
      { ledgerId: 'a', debit: 100n, credit: 0n },
      { ledgerId: 'b', debit: 0n, credit: 99n },
    ];
    expect(() => assertBalanced(broken)).toThrow(/does not balance: debits 100, credits 99/);
  });

  it('throws on a two-sided or empty line', () => {
    expect(() => assertBalanced([{ ledgerId: 'a', debit: 1n, credit: 1n }])).toThrow(/one-sided/);
    expect(() => assertBalanced([])).toThrow(/no amounts/);
  });
});
