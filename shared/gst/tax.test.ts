import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { rate, rupees, type Rate } from '../money';
import type { StateCode } from './gstin';
import {
  classifySupply,
  computeLineTax,
  type PartyCategory,
  type SupplyContext,
  type TaxableLine,
} from './tax';

const MH: StateCode = '27';
const KA: StateCode = '29';

function context(overrides: Partial<SupplyContext> = {}): SupplyContext {
  return {
    documentType: 'sale',
    partyCategory: 'regular',
    companyState: MH,
    partyState: MH,
    placeOfSupply: null,
    reverseCharge: false,
    zeroRatedWithPayment: false,
    ...overrides,
  };
}

function line(taxable: string, r: string, cess = '0', treatment = 'taxable'): TaxableLine {
  return {
    treatment: treatment as TaxableLine['treatment'],
    taxableValue: rupees(taxable),
    rate: rate(r),
    cessRate: rate(cess),
  };
}

describe('computeLineTax', () => {
  it('splits an intra-state sale into CGST and SGST, each rounded on its own', () => {
    // 1,234.57 × 9% = 111.1113 -> 111.11 for each of CGST and SGST.
    expect(computeLineTax(context(), line('1234.57', '18'))).toEqual({
      igst: 0n,
      cgst: rupees('111.11'),
      sgst: rupees('111.11'),
      cess: 0n,
    });
    // 0.50 × 2.5% = 0.0125 -> 0.01 each (0.02 in all), though 5% of 0.50 would be 0.03.
    expect(computeLineTax(context(), line('0.50', '5'))).toMatchObject({ cgst: 1n, sgst: 1n });
  });

  it('charges IGST and cess when the place of supply is another state', () => {
    // 54,321.99 × 28% = 15,210.1572 -> 15,210.16; cess 12% = 6,518.6388 -> 6,518.64.
    const tax = computeLineTax(context({ partyState: KA }), line('54321.99', '28', '12'));
    expect(tax).toEqual({ igst: rupees('15210.16'), cgst: 0n, sgst: 0n, cess: rupees('6518.64') });
  });

  it('follows an explicit place of supply over the party state', () => {
    const tax = computeLineTax(context({ partyState: KA, placeOfSupply: MH }), line('1000', '18'));
    expect(tax).toMatchObject({ igst: 0n, cgst: rupees('90'), sgst: rupees('90') });
  });

  it('charges no tax on nil, exempt or non-GST lines', () => {
    for (const treatment of ['nil', 'exempt', 'non_gst']) {
      expect(computeLineTax(context(), line('500', '18', '0', treatment))).toEqual({
        igst: 0n,
        cgst: 0n,
        sgst: 0n,
        cess: 0n,
      });
    }
  });

  it('charges IGST on SEZ and export supplies with payment, none without', () => {
    for (const partyCategory of ['sez', 'overseas'] as const) {
      const partyState = partyCategory === 'sez' ? MH : '96';
      const paid = context({ partyCategory, partyState, zeroRatedWithPayment: true });
      // SEZ in the company's own state is still inter-state: 1,000 × 18% = 180 IGST.
      expect(computeLineTax(paid, line('1000', '18'))).toMatchObject({ igst: rupees('180') });
      const bond = context({ partyCategory, partyState });
      expect(computeLineTax(bond, line('1000', '18', '5'))).toMatchObject({ igst: 0n, cess: 0n });
      expect(classifySupply(bond)).toMatchObject({ zeroRated: true, supplyType: 'inter' });
    }
  });

  it('defaults a purchase place of supply to the company state', () => {
    const purchase = context({ documentType: 'purchase', partyState: KA });
    expect(classifySupply(purchase)).toEqual({
      placeOfSupply: MH,
      supplyType: 'inter',
      zeroRated: false,
    });
    // Imports are IGST, never zero-rated for the buyer: 1,000 × 18% = 180.
    const imported = context({
      documentType: 'purchase',
      partyCategory: 'overseas',
      partyState: '96',
    });
    expect(computeLineTax(imported, line('1000', '18'))).toMatchObject({ igst: rupees('180') });
  });

  it('charges tax on purchases from unregistered or composition suppliers only under RCM', () => {
    for (const partyCategory of ['unregistered', 'composition'] as const) {
      const plain = context({ documentType: 'purchase', partyCategory });
      expect(computeLineTax(plain, line('1000', '5'))).toMatchObject({ cgst: 0n, sgst: 0n });
      const rcm = context({ documentType: 'purchase', partyCategory, reverseCharge: true });
      // 1,000 × 2.5% = 25 each.
      expect(computeLineTax(rcm, line('1000', '5'))).toMatchObject({ cgst: 2500n, sgst: 2500n });
    }
  });
});

describe('computeLineTax properties', () => {
  const RATE_DEN = 100n * 10_000n;
  /** tax is the nearest paise to value × rate / den, a tie (exact = tax - 1/2) rounding up. */
  function isRoundedProduct(tax: bigint, value: bigint, r: Rate, den: bigint): boolean {
    const twiceDiff = 2n * (value * r - tax * den);
    return twiceDiff >= -den && twiceDiff < den;
  }

  it('equals the exact products rounded half-up, per tax head', () => {
    const slab = fc.constantFrom('0', '0.1', '0.25', '1.5', '3', '5', '12', '18', '28', '40');
    const category = fc.constantFrom<PartyCategory>(
      'regular',
      'composition',
      'uin',
      'unregistered',
    );
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        slab,
        fc.integer({ min: 0, max: 2900 }),
        fc.boolean(),
        category,
        (value, r, cessTenths, inter, partyCategory) => {
          const ctx = context({ partyCategory, partyState: inter ? KA : MH });
          const cessRate = rate(String(cessTenths / 10));
          const taxLine: TaxableLine = {
            treatment: 'taxable',
            taxableValue: value,
            rate: rate(r),
            cessRate,
          };
          const tax = computeLineTax(ctx, taxLine);
          expect(isRoundedProduct(tax.cess, value, cessRate, RATE_DEN)).toBe(true);
          if (inter) {
            expect(isRoundedProduct(tax.igst, value, rate(r), RATE_DEN)).toBe(true);
            expect(tax.cgst + tax.sgst).toBe(0n);
          } else {
            expect(isRoundedProduct(tax.cgst, value, rate(r), 2n * RATE_DEN)).toBe(true);
            expect(tax.sgst).toBe(tax.cgst);
            expect(tax.igst).toBe(0n);
          }
        },
      ),
    );
  });
});
