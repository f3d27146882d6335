import { describe, expect, it } from 'vitest';

import { GSTINS, post, rawDoc, rawLine, unregistered } from './fixtures';
import { buildDocIssue, buildHsn, buildNil, buildSupeco } from './gstr1-tables';
import { parseReturnPeriod, type ReturnPeriod } from './period';

function period(fp: string): ReturnPeriod {
  const parsed = parseReturnPeriod(fp, 'monthly');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('nil', () => {
  it('sums nil, exempt and non-GST values by inter/intra and B2B/B2C', () => {
    const docs = post([
      rawDoc({
        lines: [
          rawLine({ hsn: '0401', taxable_value: '1000', rate: 0, treatment: 'nil' }),
          rawLine({ hsn: '0713', taxable_value: '500', rate: 0, treatment: 'exempt' }),
          rawLine({ hsn: '2710', taxable_value: '2000', rate: 0, treatment: 'non_gst' }),
          rawLine(),
        ],
      }),
      rawDoc({
        ...unregistered('29'),
        number: 'INV-2',
        lines: [rawLine({ hsn: '0713', taxable_value: '300', treatment: 'exempt' })],
      }),
    ]);
    // The taxable line is not here; the exempt line's rate (18 by default) is ignored.
    expect(buildNil(docs)).toEqual({
      inv: [
        { sply_ty: 'INTRAB2B', nil_amt: 1000, expt_amt: 500, ngsup_amt: 2000 },
        { sply_ty: 'INTRB2C', nil_amt: 0, expt_amt: 300, ngsup_amt: 0 },
      ],
    });
  });

  it('is absent when every line is taxable', () => {
    expect(buildNil(post([rawDoc()]))).toBeNull();
  });
});

describe('hsn', () => {
  const docs = () =>
    post([
      rawDoc({ lines: [rawLine({ qty: 2, taxable_value: '1000' })] }),
      rawDoc({
        ...unregistered('27'),
        number: 'INV-2',
        lines: [rawLine({ taxable_value: '500' })],
      }),
      rawDoc({
        ...unregistered('27'),
        number: 'INV-3',
        lines: [
          rawLine({ uqc: 'KGS', qty: '3.5', taxable_value: '300' }),
          rawLine({ rate: 12, taxable_value: '100' }),
        ],
      }),
      rawDoc({
        type: 'credit_note',
        number: 'CN-1',
        against: { number: 'INV-1', date: '2024-08-05', value: '1180' },
        lines: [rawLine({ taxable_value: '200' })],
      }),
    ]);

  it('aggregates by HSN, unit and rate in one table before May 2025', () => {
    // 8471 NOS 18%: qty 2 + 1 - 1 = 2; txval 1,000 + 500 - 200 = 1,300;
    //   camt 90 + 45 - 18 = 117, samt the same.
    // 8471 KGS 18%: 300 × 9% = 27 each. 8471 NOS 12%: 100 × 6% = 6 each.
    const row = { hsn_sc: '8471', desc: 'Laptop', iamt: 0, csamt: 0 };
    expect(buildHsn(period('082024'), docs())).toEqual({
      data: [
        { num: 1, ...row, uqc: 'KGS', qty: 3.5, rt: 18, txval: 300, camt: 27, samt: 27 },
        { num: 2, ...row, uqc: 'NOS', qty: 1, rt: 12, txval: 100, camt: 6, samt: 6 },
        { num: 3, ...row, uqc: 'NOS', qty: 2, rt: 18, txval: 1300, camt: 117, samt: 117 },
      ],
    });
  });

  it('splits into B2B and B2C tables from May 2025', () => {
    const moved = docs().map((d) => ({
      ...d,
      date: d.date.replace('2024-08', '2025-05') as typeof d.date,
    }));
    const hsn = buildHsn(period('052025'), moved);
    // B2B: the registered buyer's 1,000 less its 200 credit note: qty 1, camt 90 - 18 = 72.
    // B2C: the unregistered buyers' three rows.
    const row = { hsn_sc: '8471', desc: 'Laptop', iamt: 0, csamt: 0 };
    expect(hsn).toEqual({
      hsn_b2b: [{ num: 1, ...row, uqc: 'NOS', qty: 1, rt: 18, txval: 800, camt: 72, samt: 72 }],
      hsn_b2c: [
        { num: 1, ...row, uqc: 'KGS', qty: 3.5, rt: 18, txval: 300, camt: 27, samt: 27 },
        { num: 2, ...row, uqc: 'NOS', qty: 1, rt: 12, txval: 100, camt: 6, samt: 6 },
        { num: 3, ...row, uqc: 'NOS', qty: 1, rt: 18, txval: 500, camt: 45, samt: 45 },
      ],
    });
    expect(buildHsn(period('042025'), moved)).toHaveProperty('data');
  });
});

describe('doc_issue', () => {
  it('reports each series from its lowest to its highest number, by document kind', () => {
    const note = { against: { number: 'INV-1', date: '2024-08-01', value: '1180' } };
    const docs = post([
      rawDoc({ number: 'INV-10' }),
      rawDoc({ number: 'INV-2' }),
      rawDoc({ number: 'INV-1' }),
      rawDoc({ number: 'EX/24/7' }),
      rawDoc({ ...note, type: 'credit_note', number: 'CN-1' }),
      rawDoc({ ...note, type: 'debit_note', number: 'DN-1' }),
      rawDoc({
        ...unregistered('27'),
        type: 'purchase',
        number: 'B-77',
        reverse_charge: true,
        self_invoice_number: 'SI-1',
        lines: [rawLine({ hsn: '9965', rate: 5 })],
      }),
      rawDoc({
        type: 'purchase',
        number: 'P-1',
        party_gstin: GSTINS.tnSupplier,
        party_state: '33',
      }),
    ]);
    const series = (from: string, to: string, n: number, num = 1) => ({
      num,
      from,
      to,
      totnum: n,
      cancel: 0,
      net_issue: n,
    });
    expect(buildDocIssue(docs)).toEqual({
      doc_det: [
        { doc_num: 1, docs: [series('EX/24/7', 'EX/24/7', 1), series('INV-1', 'INV-10', 3, 2)] },
        { doc_num: 2, docs: [series('SI-1', 'SI-1', 1)] },
        { doc_num: 4, docs: [series('DN-1', 'DN-1', 1)] },
        { doc_num: 5, docs: [series('CN-1', 'CN-1', 1)] },
      ],
    });
  });
});

describe('supeco', () => {
  it('totals supplies per operator, split by who pays the tax', () => {
    const eco = { ...unregistered('27'), ecommerce_gstin: GSTINS.ecoTcs };
    const docs = post([
      rawDoc({ ...eco, number: 'E-1' }),
      rawDoc({
        ...eco,
        number: 'E-2',
        ecommerce_operator_pays: true,
        lines: [rawLine({ taxable_value: '2000', rate: 5 })],
      }),
    ]);
    // E-1: 1,000 × 9% = 90 each head. E-2: 2,000 × 2.5% = 50 each head.
    expect(buildSupeco(docs)).toEqual({
      clttx: [{ etin: GSTINS.ecoTcs, suppval: 1000, igst: 0, cgst: 90, sgst: 90, cess: 0 }],
      paytx: [{ etin: GSTINS.ecoTcs, suppval: 2000, igst: 0, cgst: 50, sgst: 50, cess: 0 }],
    });
  });
});
