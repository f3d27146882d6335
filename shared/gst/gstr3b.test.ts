import { describe, expect, it } from 'vitest';

import { COMPANY, GSTINS, post, rawDoc, rawLine, unregistered } from './fixtures';
import { computeGstr3b, toGstr3bJson, type Gstr3bJson } from './gstr3b';

function gstr3b(raws: Parameters<typeof post>[0]): Gstr3bJson {
  return toGstr3bJson(computeGstr3b(post(raws)), COMPANY.gstin, '082024');
}

const zero = { txval: 0, iamt: 0, camt: 0, samt: 0, csamt: 0 };
const noTax = { iamt: 0, camt: 0, samt: 0, csamt: 0 };

describe('3.1 outward supplies', () => {
  it('separates taxable, zero-rated, nil/exempt and non-GST supplies, netting notes', () => {
    const abroad = { party_gstin: null, party_name: 'ACME Inc', party_state: '96' };
    const json = gstr3b([
      rawDoc({
        lines: [
          rawLine({ taxable_value: '10000' }),
          rawLine({ taxable_value: '1000', treatment: 'nil', rate: 0 }),
          rawLine({ taxable_value: '500', treatment: 'exempt' }),
          rawLine({ taxable_value: '2000', treatment: 'non_gst' }),
        ],
      }),
      rawDoc({
        type: 'credit_note',
        number: 'CN-1',
        against: { number: 'INV-1', date: '2024-08-05', value: '15300' },
        lines: [rawLine({ taxable_value: '1000' })],
      }),
      rawDoc({
        ...abroad,
        number: 'EXP-1',
        zero_rated_with_payment: true,
        lines: [rawLine({ taxable_value: '100000' })],
      }),
      rawDoc({ ...abroad, number: 'EXP-2', lines: [rawLine({ taxable_value: '50000' })] }),
      rawDoc({
        party_gstin: GSTINS.sezMh,
        party_category: 'sez',
        number: 'SEZ-1',
        zero_rated_with_payment: true,
        lines: [rawLine({ taxable_value: '20000' })],
      }),
    ]);
    // (a) 10,000 - 1,000 = 9,000; CGST = SGST = 900 - 90 = 810.
    // (b) exports 1,00,000 (18,000 IGST) + 50,000 (none) + SEZ 20,000 (3,600 IGST).
    // (c) nil 1,000 + exempt 500. (e) non-GST 2,000.
    expect(json.sup_details).toEqual({
      osup_det: { txval: 9000, iamt: 0, camt: 810, samt: 810, csamt: 0 },
      osup_zero: { txval: 170000, iamt: 21600, camt: 0, samt: 0, csamt: 0 },
      osup_nil_exmp: { ...zero, txval: 1500 },
      isup_rev: zero,
      osup_nongst: { ...zero, txval: 2000 },
    });
  });

  it('leaves out outward supplies on which the recipient pays under reverse charge', () => {
    const json = gstr3b([rawDoc({ reverse_charge: true })]);
    expect(json.sup_details.osup_det).toEqual(zero);
  });

  it('reports section 9(5) e-commerce supplies in 3.1.1 instead of 3.1(a)', () => {
    const eco = { ...unregistered('27'), ecommerce_gstin: GSTINS.ecoTcs };
    const json = gstr3b([
      rawDoc({ ...eco, number: 'E-1' }),
      rawDoc({
        ...eco,
        number: 'E-2',
        ecommerce_operator_pays: true,
        lines: [rawLine({ taxable_value: '2000', rate: 5 })],
      }),
    ]);
    expect(json.eco_dtls).toEqual({ eco_sup: zero, eco_reg_sup: { txval: 2000 } });
    expect(json.sup_details.osup_det).toEqual({
      txval: 1000,
      iamt: 0,
      camt: 90,
      samt: 90,
      csamt: 0,
    });
  });
});

describe('3.2 inter-state supplies', () => {
  it('lists supplies to unregistered, composition and UIN holders by place of supply', () => {
    const json = gstr3b([
      rawDoc({
        ...unregistered('29'),
        number: 'S-1',
        lines: [rawLine({ taxable_value: '800', rate: 5 })],
      }),
      rawDoc({
        ...unregistered('29'),
        number: 'S-2',
        lines: [rawLine({ taxable_value: '200', rate: 5 })],
      }),
      rawDoc({ ...unregistered('27'), number: 'S-3' }),
      rawDoc({
        party_gstin: GSTINS.gjComposition,
        party_state: '24',
        party_category: 'composition',
        number: 'S-4',
      }),
      rawDoc({
        party_gstin: GSTINS.uinDelhi,
        party_state: '07',
        party_category: 'uin',
        number: 'S-5',
      }),
      rawDoc({ party_gstin: GSTINS.kaBuyer, party_state: '29', number: 'S-6' }),
    ]);
    // 29: 800 + 200 = 1,000 at 5% = 50 IGST. Intra-state S-3 and regular S-6 are not here.
    expect(json.inter_sup).toEqual({
      unreg_details: [{ pos: '29', txval: 1000, iamt: 50 }],
      comp_details: [{ pos: '24', txval: 1000, iamt: 180 }],
      uin_details: [{ pos: '07', txval: 1000, iamt: 180 }],
    });
  });
});

describe('3.1(d), table 4 and table 5 from purchases', () => {
  const purchase = { type: 'purchase', number: 'B-1' };
  const json = () =>
    gstr3b([
      // GTA service from an unregistered MH transporter, under RCM: 10,000 × 2.5% = 250 each.
      rawDoc({
        ...purchase,
        ...unregistered('27'),
        reverse_charge: true,
        self_invoice_number: 'SI-1',
        lines: [rawLine({ hsn: '9965', rate: 5, taxable_value: '10000' })],
      }),
      // Legal service from a KA firm, under RCM: 20,000 × 18% = 3,600 IGST.
      rawDoc({
        ...purchase,
        party_gstin: GSTINS.kaBuyer,
        party_state: '29',
        reverse_charge: true,
        lines: [rawLine({ hsn: '9982', taxable_value: '20000' })],
      }),
      // Ordinary purchase from TN: 50,000 × 18% = 9,000 IGST.
      rawDoc({
        ...purchase,
        party_gstin: GSTINS.tnSupplier,
        party_state: '33',
        lines: [rawLine({ taxable_value: '50000' })],
      }),
      // Imported goods: 1,00,000 × 18% = 18,000 IGST at customs.
      rawDoc({
        ...purchase,
        party_gstin: null,
        party_name: 'Shenzhen Co',
        party_state: '96',
        lines: [rawLine({ taxable_value: '100000' })],
      }),
      // Imported service, always RCM: 30,000 × 18% = 5,400 IGST.
      rawDoc({
        ...purchase,
        party_gstin: null,
        party_name: 'SaaS Inc',
        party_state: '96',
        lines: [rawLine({ hsn: '998314', taxable_value: '30000' })],
      }),
      // From a composition supplier in Gujarat: no tax, table 5 inter-state.
      rawDoc({
        ...purchase,
        party_gstin: GSTINS.gjComposition,
        party_state: '24',
        party_category: 'composition',
        lines: [rawLine({ taxable_value: '5000', rate: 5 })],
      }),
      // Exempt and non-GST purchases within the state.
      rawDoc({
        ...purchase,
        party_gstin: GSTINS.mhBuyer,
        lines: [
          rawLine({ taxable_value: '2000', treatment: 'exempt' }),
          rawLine({ hsn: '2710', taxable_value: '1000', treatment: 'non_gst' }),
        ],
      }),
    ]);

  it('reports reverse-charge inward supplies, imported services included, in 3.1(d)', () => {
    // txval 10,000 + 20,000 + 30,000; IGST 3,600 + 5,400; CGST = SGST = 250.
    expect(json().sup_details.isup_rev).toEqual({
      txval: 60000,
      iamt: 9000,
      camt: 250,
      samt: 250,
      csamt: 0,
    });
  });

  it('reports ITC by type: IMPG, IMPS, ISRC, ISD, OTH', () => {
    const itc = json().itc_elg;
    expect(itc.itc_avl).toEqual([
      { ty: 'IMPG', ...noTax, iamt: 18000 },
      { ty: 'IMPS', ...noTax, iamt: 5400 },
      { ty: 'ISRC', ...noTax, iamt: 3600, camt: 250, samt: 250 },
      { ty: 'ISD', ...noTax },
      { ty: 'OTH', ...noTax, iamt: 9000 },
    ]);
    // 18,000 + 5,400 + 3,600 + 9,000 = 36,000 IGST; nothing reversed.
    expect(itc.itc_net).toEqual({ iamt: 36000, camt: 250, samt: 250, csamt: 0 });
    expect(itc.itc_rev).toEqual([
      { ty: 'RUL', ...noTax },
      { ty: 'OTH', ...noTax },
    ]);
  });

  it('reports composition, exempt and non-GST inward values in table 5', () => {
    expect(json().inward_sup.isup_details).toEqual([
      { ty: 'GST', inter: 5000, intra: 2000 },
      { ty: 'NONGST', inter: 0, intra: 1000 },
    ]);
  });
});
