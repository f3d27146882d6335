import { describe, expect, it } from 'vitest';

import { GSTINS, post, rawDoc, rawLine, unregistered } from './fixtures';
import { buildInvoiceSections, b2clLimitOn } from './gstr1';
import { isoDate } from './period';

describe('b2b', () => {
  it('reports an intra-state invoice with lines merged per rate', () => {
    const docs = post([
      rawDoc({
        lines: [
          rawLine({ taxable_value: '10000.00', rate: 18 }),
          rawLine({ hsn: '8473', taxable_value: '2500.50', rate: 18 }),
          rawLine({ hsn: '4820', taxable_value: '1234.57', rate: 12 }),
        ],
      }),
    ]);
    // 18%: 10,000.00 × 9% = 900.00 and 2,500.50 × 9% = 225.045 -> 225.05, each head;
    //      merged txval 12,500.50, camt = samt = 1,125.05.
    // 12%: 1,234.57 × 6% = 74.0742 -> 74.07 each head.
    // val = 13,735.07 taxable + 2 × (1,125.05 + 74.07) = 16,133.31.
    expect(buildInvoiceSections(docs).b2b).toEqual([
      {
        ctin: GSTINS.mhBuyer,
        inv: [
          {
            inum: 'INV-1',
            idt: '05-08-2024',
            val: 16133.31,
            pos: '27',
            rchrg: 'N',
            inv_typ: 'R',
            itms: [
              { num: 1, itm_det: { rt: 12, txval: 1234.57, camt: 74.07, samt: 74.07, csamt: 0 } },
              {
                num: 2,
                itm_det: { rt: 18, txval: 12500.5, camt: 1125.05, samt: 1125.05, csamt: 0 },
              },
            ],
          },
        ],
      },
    ]);
  });

  it('reports an inter-state invoice with cess as IGST', () => {
    const line = rawLine({ hsn: '8703', taxable_value: '54321.99', rate: 28, cess_rate: 12 });
    const docs = post([
      rawDoc({ party_gstin: GSTINS.kaBuyer, party_state: '29', number: 'INV-2', lines: [line] }),
    ]);
    // IGST 54,321.99 × 28% = 15,210.1572 -> 15,210.16; cess × 12% = 6,518.6388 -> 6,518.64.
    // val = 54,321.99 + 15,210.16 + 6,518.64 = 76,050.79.
    const [inv] = buildInvoiceSections(docs).b2b?.[0]?.inv ?? [];
    expect(inv).toMatchObject({ val: 76050.79, pos: '29' });
    expect(inv?.itms).toEqual([
      { num: 1, itm_det: { rt: 28, txval: 54321.99, iamt: 15210.16, csamt: 6518.64 } },
    ]);
  });

  it('marks SEZ invoices SEWP or SEWOP and reverse-charge invoices rchrg Y', () => {
    const sez = { party_gstin: GSTINS.sezMh, party_category: 'sez' };
    const docs = post([
      rawDoc({ ...sez, number: 'SEZ-1', zero_rated_with_payment: true }),
      rawDoc({ ...sez, number: 'SEZ-2' }),
      rawDoc({ number: 'RCM-1', reverse_charge: true }),
    ]);
    const invs = buildInvoiceSections(docs).b2b?.flatMap((g) => g.inv) ?? [];
    const summary = invs.map((i) => [i.inum, i.inv_typ, i.rchrg, i.itms[0]?.itm_det.iamt]);
    // SEZ in the company's own state is inter-state: 1,000 × 18% = 180 IGST with payment.
    expect(summary).toEqual([
      ['RCM-1', 'R', 'Y', undefined],
      ['SEZ-1', 'SEWP', 'N', 180],
      ['SEZ-2', 'SEWOP', 'N', 0],
    ]);
  });
});

describe('b2cl and b2cs limits', () => {
  it('is 2.5 lakh up to 31 Jul 2024 and 1 lakh from 1 Aug 2024', () => {
    expect(b2clLimitOn(isoDate('2024-07-31'))).toBe(250_000_00n);
    expect(b2clLimitOn(isoDate('2024-08-01'))).toBe(100_000_00n);
  });

  function sections(date: string, values: string[]) {
    const docs = post(
      values.map((v, i) =>
        rawDoc({
          ...unregistered('29'),
          number: `S-${i}`,
          date,
          lines: [rawLine({ taxable_value: v })],
        }),
      ),
    );
    const s = buildInvoiceSections(docs);
    return { b2cl: s.b2cl?.flatMap((g) => g.inv.map((i) => [i.inum, i.val])), b2cs: s.b2cs };
  }

  it('keeps an invoice of exactly 2,50,000 in B2CS before 1 Aug 2024', () => {
    // S-0: 2,11,864.41 + 18% (38,135.5938 -> 38,135.59) = 2,50,000.00, at the limit: B2CS.
    // S-1: 2,11,864.42 + 38,135.5956 -> 38,135.60 = 2,50,000.02, above it: B2CL.
    const { b2cl, b2cs } = sections('2024-07-31', ['211864.41', '211864.42']);
    expect(b2cl).toEqual([['S-1', 250000.02]]);
    expect(b2cs).toEqual([
      {
        sply_ty: 'INTER',
        pos: '29',
        typ: 'OE',
        rt: 18,
        txval: 211864.41,
        iamt: 38135.59,
        csamt: 0,
      },
    ]);
  });

  it('keeps an invoice of exactly 1,00,000 in B2CS from 1 Aug 2024', () => {
    // S-0: 84,745.76 + 18% (15,254.2368 -> 15,254.24) = 1,00,000.00: B2CS.
    // S-1: 84,745.77 + 15,254.2386 -> 15,254.24 = 1,00,000.01: B2CL.
    const { b2cl, b2cs } = sections('2024-08-01', ['84745.76', '84745.77']);
    expect(b2cl).toEqual([['S-1', 100000.01]]);
    expect(b2cs?.map((r) => r.txval)).toEqual([84745.76]);
  });

  it('never puts an intra-state invoice in B2CL, whatever its value', () => {
    const docs = post([
      rawDoc({ ...unregistered('27'), lines: [rawLine({ taxable_value: '500000' })] }),
    ]);
    const s = buildInvoiceSections(docs);
    expect(s.b2cl).toBeUndefined();
    expect(s.b2cs).toEqual([
      {
        sply_ty: 'INTRA',
        pos: '27',
        typ: 'OE',
        rt: 18,
        txval: 500000,
        camt: 45000,
        samt: 45000,
        csamt: 0,
      },
    ]);
  });

  it('aggregates B2CS by supply type, place and rate, netting in credit notes', () => {
    const b2c = unregistered('27');
    const docs = post([
      rawDoc({ ...b2c, number: 'S-1', lines: [rawLine({ taxable_value: '1000', rate: 5 })] }),
      rawDoc({ ...b2c, number: 'S-2', lines: [rawLine({ taxable_value: '500.50', rate: 5 })] }),
      rawDoc({
        ...b2c,
        type: 'credit_note',
        number: 'CN-1',
        date: '2024-08-20',
        against: { number: 'S-1', date: '2024-08-05', value: '1050' },
        lines: [rawLine({ taxable_value: '200', rate: 5 })],
      }),
      rawDoc({
        ...unregistered('29'),
        number: 'S-3',
        lines: [rawLine({ taxable_value: '800', rate: 5 })],
      }),
    ]);
    // INTRA 27 @5%: txval 1,000 + 500.50 - 200 = 1,300.50;
    //   camt 25.00 + 12.51 (500.50 × 2.5% = 12.5125) - 5.00 = 32.51, samt the same.
    // INTER 29 @5%: 800 × 5% = 40 IGST.
    expect(buildInvoiceSections(docs).b2cs).toEqual([
      { sply_ty: 'INTER', pos: '29', typ: 'OE', rt: 5, txval: 800, iamt: 40, csamt: 0 },
      {
        sply_ty: 'INTRA',
        pos: '27',
        typ: 'OE',
        rt: 5,
        txval: 1300.5,
        camt: 32.51,
        samt: 32.51,
        csamt: 0,
      },
    ]);
  });
});

describe('notes', () => {
  it('reports notes to registered parties in CDNR with positive amounts and ntty', () => {
    const docs = post([
      rawDoc({
        type: 'credit_note',
        number: 'CN-2',
        date: '2024-08-25',
        against: { number: 'INV-1', date: '2024-08-05', value: '16133.31' },
      }),
      rawDoc({
        type: 'debit_note',
        number: 'DN-1',
        party_gstin: GSTINS.kaBuyer,
        party_state: '29',
        against: { number: 'INV-2', date: '2024-08-05', value: '76050.79' },
        lines: [rawLine({ hsn: '8703', taxable_value: '500', rate: 28, cess_rate: 12 })],
      }),
    ]);
    // CN-2: 1,000 × 9% = 90 each head; val 1,180. DN-1: 500 × 28% = 140, cess 60; val 700.
    expect(buildInvoiceSections(docs).cdnr).toEqual([
      {
        ctin: GSTINS.mhBuyer,
        nt: [
          {
            ...{ ntty: 'C', nt_num: 'CN-2', nt_dt: '25-08-2024', val: 1180, pos: '27' },
            ...{ rchrg: 'N', inv_typ: 'R' },
            itms: [{ num: 1, itm_det: { rt: 18, txval: 1000, camt: 90, samt: 90, csamt: 0 } }],
          },
        ],
      },
      {
        ctin: GSTINS.kaBuyer,
        nt: [
          {
            ...{ ntty: 'D', nt_num: 'DN-1', nt_dt: '05-08-2024', val: 700, pos: '29' },
            ...{ rchrg: 'N', inv_typ: 'R' },
            itms: [{ num: 1, itm_det: { rt: 28, txval: 500, iamt: 140, csamt: 60 } }],
          },
        ],
      },
    ]);
  });

  it('reports notes against B2CL invoices and exports in CDNUR', () => {
    const docs = post([
      rawDoc({
        ...unregistered('29'),
        type: 'credit_note',
        number: 'CN-3',
        against: { number: 'S-9', date: '2024-08-01', value: '300000' },
        lines: [rawLine({ taxable_value: '10000' })],
      }),
      rawDoc({
        ...{ party_gstin: null, party_name: 'ACME Inc', party_state: '96' },
        type: 'credit_note',
        number: 'CN-4',
        against: { number: 'EXP-2', date: '2024-08-01', value: '50000' },
        lines: [rawLine({ taxable_value: '5000' })],
      }),
    ]);
    // CN-3: the original was inter-state above 1 lakh, so B2CL: 10,000 × 18% = 1,800 IGST.
    // CN-4: against an export under LUT: no tax, and no place of supply is reported.
    expect(buildInvoiceSections(docs).cdnur).toEqual([
      {
        ...{ typ: 'B2CL', ntty: 'C', nt_num: 'CN-3', nt_dt: '05-08-2024', val: 11800, pos: '29' },
        itms: [{ num: 1, itm_det: { rt: 18, txval: 10000, iamt: 1800, csamt: 0 } }],
      },
      {
        ...{ typ: 'EXPWOP', ntty: 'C', nt_num: 'CN-4', nt_dt: '05-08-2024', val: 5000 },
        itms: [{ num: 1, itm_det: { rt: 18, txval: 5000, iamt: 0, csamt: 0 } }],
      },
    ]);
  });
});

describe('exp', () => {
  it('splits exports with and without payment and carries the shipping bill', () => {
    const abroad = { party_gstin: null, party_name: 'ACME Inc', party_state: '96' };
    const sb = { port_code: 'INNSA1', number: '1234567', date: '2024-08-07' };
    const docs = post([
      rawDoc({
        ...abroad,
        number: 'EXP-1',
        zero_rated_with_payment: true,
        shipping_bill: sb,
        lines: [rawLine({ taxable_value: '100000' })],
      }),
      rawDoc({ ...abroad, number: 'EXP-2', lines: [rawLine({ taxable_value: '50000' })] }),
    ]);
    // EXP-1: 1,00,000 × 18% = 18,000 IGST; val 1,18,000. EXP-2 under LUT: no tax.
    expect(buildInvoiceSections(docs).exp).toEqual([
      {
        exp_typ: 'WOPAY',
        inv: [
          {
            inum: 'EXP-2',
            idt: '05-08-2024',
            val: 50000,
            itms: [{ txval: 50000, rt: 18, iamt: 0, csamt: 0 }],
          },
        ],
      },
      {
        exp_typ: 'WPAY',
        inv: [
          {
            ...{ inum: 'EXP-1', idt: '05-08-2024', val: 118000 },
            ...{ sbpcode: 'INNSA1', sbnum: '1234567', sbdt: '07-08-2024' },
            itms: [{ txval: 100000, rt: 18, iamt: 18000, csamt: 0 }],
          },
        ],
      },
    ]);
  });
});

describe('e-commerce', () => {
  it('reports TCS supplies in B2CS with the operator and leaves section 9(5) ones out', () => {
    const docs = post([
      rawDoc({ ...unregistered('27'), number: 'E-1', ecommerce_gstin: GSTINS.ecoTcs }),
      rawDoc({
        ...unregistered('27'),
        number: 'E-2',
        ecommerce_gstin: GSTINS.ecoTcs,
        ecommerce_operator_pays: true,
      }),
    ]);
    expect(buildInvoiceSections(docs).b2cs).toEqual([
      {
        ...{ sply_ty: 'INTRA', pos: '27', typ: 'E', etin: GSTINS.ecoTcs, rt: 18 },
        ...{ txval: 1000, camt: 90, samt: 90, csamt: 0 },
      },
    ]);
  });
});
