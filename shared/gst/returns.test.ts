import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { parseRupees, sumPaise, type Paise } from '../money';
import { COMPANY, GSTINS, post, rawDoc, rawLine, unregistered, type RawDocument } from './fixtures';
import type { ItemJson, TaxHeadsJson } from './gstr1';
import type { Gstr3bFigures } from './gstr3b';
import { ZERO_AMOUNTS, addAmounts, type Amounts } from './posting';
import { buildGstReturns, type GstReturns, type Gstr1Json } from './returns';

function build(fp: string, raws: readonly RawDocument[], quarterly = false): GstReturns {
  const company = { ...COMPANY, filingFrequency: quarterly ? 'quarterly' : 'monthly' } as const;
  const result = buildGstReturns({ fp, company, documents: post(raws) });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('buildGstReturns', () => {
  it('applies each invoice date’s B2CL limit across a quarter spanning 1 Aug 2024', () => {
    // 1,69,491.53 + 18% (30,508.4754 -> 30,508.48) = 2,00,000.01: under 2.5 lakh, over 1 lakh.
    const line = [rawLine({ taxable_value: '169491.53' })];
    const returns = build(
      '092024',
      [
        rawDoc({ ...unregistered('29'), number: 'S-1', date: '2024-07-31', lines: line }),
        rawDoc({ ...unregistered('29'), number: 'S-2', date: '2024-08-01', lines: line }),
        rawDoc({ ...unregistered('29'), number: 'S-3', date: '2024-10-01', lines: line }),
      ],
      true,
    );
    expect(returns.period).toMatchObject({ first: '2024-07-01', last: '2024-09-30' });
    expect(returns.gstr1.b2cl).toEqual([
      {
        pos: '29',
        inv: [
          {
            ...{ inum: 'S-2', idt: '01-08-2024', val: 200000.01 },
            itms: [{ num: 1, itm_det: { rt: 18, txval: 169491.53, iamt: 30508.48, csamt: 0 } }],
          },
        ],
      },
    ]);
    expect(returns.gstr1.b2cs).toEqual([
      {
        sply_ty: 'INTER',
        pos: '29',
        typ: 'OE',
        rt: 18,
        txval: 169491.53,
        iamt: 30508.48,
        csamt: 0,
      },
    ]);
    expect(returns.outsidePeriod).toEqual(['S-3']);
    expect(returns.gstr3b.ret_period).toBe('092024');
  });

  it('includes only sections with data', () => {
    const returns = build('082024', [rawDoc()]);
    expect(Object.keys(returns.gstr1)).toEqual(['gstin', 'fp', 'b2b', 'hsn', 'doc_issue']);
  });

  it('refuses a quarterly period that does not end a quarter', () => {
    const result = buildGstReturns({
      fp: '082024',
      company: { ...COMPANY, filingFrequency: 'quarterly' },
      documents: [],
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('period_quarter');
  });
});

const toPaise = (n: number | undefined): Paise => {
  const parsed = parseRupees(n ?? 0);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

function headsToAmounts(t: TaxHeadsJson, sign: 1n | -1n = 1n): Amounts {
  return {
    txval: sign * toPaise(t.txval),
    iamt: sign * toPaise(t.iamt),
    camt: sign * toPaise(t.camt),
    samt: sign * toPaise(t.samt),
    csamt: sign * toPaise(t.csamt),
  };
}

const sumItems = (items: readonly ItemJson[], sign: 1n | -1n = 1n): Amounts =>
  items.map((i) => headsToAmounts(i.itm_det, sign)).reduce(addAmounts, ZERO_AMOUNTS);

/** What GSTR-1 says 3.1(a), 3.1(b), (c), (e) and 3.1.1(ii) should be, summed from its JSON. */
function gstr1Feeds(g: Gstr1Json) {
  let taxable = ZERO_AMOUNTS;
  let zeroRated = ZERO_AMOUNTS;
  for (const inv of (g.b2b ?? []).flatMap((x) => x.inv)) {
    if (inv.inv_typ !== 'R') zeroRated = addAmounts(zeroRated, sumItems(inv.itms));
    else if (inv.rchrg === 'N') taxable = addAmounts(taxable, sumItems(inv.itms));
  }
  for (const inv of (g.b2cl ?? []).flatMap((x) => x.inv))
    taxable = addAmounts(taxable, sumItems(inv.itms));
  for (const row of g.b2cs ?? []) taxable = addAmounts(taxable, headsToAmounts(row));
  for (const nt of (g.cdnr ?? []).flatMap((x) => x.nt)) {
    const amounts = sumItems(nt.itms, nt.ntty === 'C' ? -1n : 1n);
    if (nt.inv_typ !== 'R') zeroRated = addAmounts(zeroRated, amounts);
    else if (nt.rchrg === 'N') taxable = addAmounts(taxable, amounts);
  }
  for (const nt of g.cdnur ?? []) {
    const amounts = sumItems(nt.itms, nt.ntty === 'C' ? -1n : 1n);
    if (nt.typ === 'B2CL') taxable = addAmounts(taxable, amounts);
    else zeroRated = addAmounts(zeroRated, amounts);
  }
  for (const it of (g.exp ?? []).flatMap((x) => x.inv.flatMap((i) => i.itms))) {
    zeroRated = addAmounts(zeroRated, headsToAmounts(it));
  }
  const nil = g.nil?.inv ?? [];
  return {
    taxable,
    zeroRated,
    nilExempt: sumPaise(nil.map((r) => toPaise(r.nil_amt) + toPaise(r.expt_amt))),
    nonGst: sumPaise(nil.map((r) => toPaise(r.ngsup_amt))),
    eco: sumPaise((g.supeco?.paytx ?? []).map((r) => toPaise(r.suppval))),
  };
}

function gstr3bFeeds(f: Gstr3bFigures) {
  return {
    taxable: f.outwardTaxable,
    zeroRated: f.outwardZeroRated,
    nilExempt: f.outwardNilExempt.txval,
    nonGst: f.outwardNonGst.txval,
    eco: f.ecoRegisteredSupplies,
  };
}

describe('GSTR-1 feeds GSTR-3B table 3.1', () => {
  const party = fc.constantFrom<RawDocument>(
    { party_gstin: GSTINS.mhBuyer, party_state: '27' },
    { party_gstin: GSTINS.kaBuyer, party_state: '29' },
    { party_gstin: GSTINS.gjComposition, party_state: '24', party_category: 'composition' },
    { party_gstin: GSTINS.uinDelhi, party_state: '07', party_category: 'uin' },
    { party_gstin: GSTINS.sezMh, party_state: '27', party_category: 'sez' },
    unregistered('27'),
    unregistered('29'),
    { party_gstin: null, party_name: 'ACME Inc', party_state: '96' },
  );
  const line = fc.record({
    hsn: fc.constantFrom('8471', '998314', '0401'),
    description: fc.constant('Item'),
    uqc: fc.constantFrom('NOS', 'KGS'),
    qty: fc.integer({ min: 0, max: 1000 }),
    taxable_value: fc
      .bigInt({ min: 0n, max: 50_000_000n })
      .map((p) => (Number(p) / 100).toFixed(2)),
    rate: fc.constantFrom(0, 0.1, 0.25, 1.5, 3, 5, 12, 18, 28),
    cess_rate: fc.constantFrom(0, 1, 12, 15),
    treatment: fc.constantFrom('taxable', 'taxable', 'taxable', 'nil', 'exempt', 'non_gst'),
  });
  const doc = fc
    .record({
      type: fc.constantFrom('sale', 'sale', 'credit_note', 'debit_note', 'purchase'),
      party,
      day: fc.integer({ min: 1, max: 31 }),
      month: fc.constantFrom('07', '08'),
      reverse_charge: fc.boolean(),
      zero_rated_with_payment: fc.boolean(),
      eco: fc.constantFrom('none', 'tcs', 'pays'),
      againstValue: fc.constantFrom('90000', '150000', '300000'),
      lines: fc.array(line, { minLength: 1, maxLength: 4 }),
    })
    .map((d): RawDocument => {
      const date = `2024-${d.month}-${String(d.day).padStart(2, '0')}`;
      const isB2c = d.party.party_gstin === null && d.party.party_state !== '96';
      const cannotPayRcm = d.party.party_gstin === null || d.party.party_category === 'sez';
      return {
        ...rawDoc({ ...d.party, type: d.type, date, lines: d.lines }),
        reverse_charge: d.reverse_charge && (d.type === 'purchase' || !cannotPayRcm),
        zero_rated_with_payment: d.zero_rated_with_payment,
        ...(d.type.endsWith('_note')
          ? { against: { number: 'X-1', date: '2024-07-01', value: d.againstValue } }
          : {}),
        ...(isB2c && d.eco !== 'none'
          ? { ecommerce_gstin: GSTINS.ecoTcs, ecommerce_operator_pays: d.eco === 'pays' }
          : {}),
      };
    });

  it('has every GSTR-1 section total equal to the 3.1 figure it feeds', () => {
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 12 }), (raws) => {
        const numbered = raws.map((r, i) => ({ ...r, number: `D-${i}` }));
        const returns = build('092024', numbered, true);
        expect(gstr1Feeds(returns.gstr1)).toEqual(gstr3bFeeds(returns.gstr3bFigures));
      }),
      { numRuns: 200 },
    );
  });
});
