import { describe, expect, it } from 'vitest';

import { COMPANY, GSTINS, post, rawDoc, rawLine, unregistered } from '../../../shared/gst/fixtures';
import { buildGstReturns } from '../../../shared/gst/returns';
import { gstr1Totals, gstr3bTotals, toPaise } from './return-totals';

function returnsOf(docs: Record<string, unknown>[]) {
  const built = buildGstReturns({ fp: '082024', company: COMPANY, documents: post(docs) });
  if (!built.ok) throw new Error(built.error.message);
  return built.value;
}

describe('gstr1Totals', () => {
  it('totals B2B invoices and B2C small rows, and counts what each section holds', () => {
    const r = returnsOf([
      rawDoc({
        number: 'INV-1',
        lines: [rawLine({ taxable_value: '1000.00' }), rawLine({ taxable_value: '0.55', rate: 5 })],
      }),
      rawDoc({ number: 'INV-2', party_gstin: GSTINS.kaBuyer, party_state: '29' }),
      rawDoc({
        number: 'INV-3',
        ...unregistered('27'),
        lines: [rawLine({ taxable_value: '200.00' })],
      }),
    ]);
    const bySection = new Map(gstr1Totals(r.gstr1).map((s) => [s.section, s]));

    // INV-1: 1000 × 9% = 90 each, 0.55 × 2.5% = 0.01375 → 0.01 each; INV-2: 1000 × 18% IGST.
    expect(bySection.get('b2b')).toMatchObject({
      count: 2,
      taxableValue: 200_055n,
      igst: 18_000n,
      cgst: 9001n,
      sgst: 9001n,
      cess: 0n,
    });
    expect(bySection.get('b2cs')).toMatchObject({
      count: 1,
      taxableValue: 20_000n,
      cgst: 1800n,
      sgst: 1800n,
    });
    expect(bySection.get('doc_issue')?.count).toBe(3);
    expect([...bySection.keys()]).toEqual(['b2b', 'b2cs', 'hsn', 'doc_issue']);
  });

  it('agrees with 3.1(a) of the GSTR-3B built from the same documents', () => {
    const r = returnsOf([
      rawDoc({ number: 'INV-1' }),
      rawDoc({
        number: 'INV-2',
        ...unregistered('29'),
        lines: [rawLine({ taxable_value: '333.33', cess_rate: 12 })],
      }),
    ]);
    const g1 = gstr1Totals(r.gstr1);
    const outward = gstr3bTotals(r.gstr3b).find((t) => t.section === '3.1a');
    const sum = (pick: (s: (typeof g1)[number]) => bigint) =>
      g1
        .filter((s) => s.section === 'b2b' || s.section === 'b2cs')
        .reduce((n, s) => n + pick(s), 0n);
    expect(outward).toMatchObject({
      taxableValue: sum((s) => s.taxableValue),
      igst: sum((s) => s.igst),
      cgst: sum((s) => s.cgst),
      cess: sum((s) => s.cess),
    });
  });
});

describe('toPaise', () => {
  it('reads JSON rupees exactly and tolerates a float that is not a short decimal', () => {
    expect(toPaise(1180.05)).toBe(118_005n);
    expect(toPaise(0.1 + 0.2)).toBe(30n);
    expect(toPaise(undefined)).toBe(0n);
  });
});
