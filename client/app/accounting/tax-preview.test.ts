import { describe, expect, it } from 'vitest';

import { GSTINS } from '../../../shared/gst/fixtures';
import { testDraft } from './draft-fixtures';
import type { DraftLine, InvoiceDraft } from './invoice-draft';
import { previewTax } from './tax-preview';

function draft(
  overrides: Partial<InvoiceDraft> = {},
  lines: Partial<DraftLine>[] = [{}],
): InvoiceDraft {
  return testDraft(overrides, lines);
}

describe('previewTax (company in Maharashtra, 27)', () => {
  it('splits an intra-state line into CGST and SGST, each half rounded on its own', () => {
    // 10.10 × 2.5% = 0.2525 → 0.25 each; the whole 5% would be 0.505 → 0.51.
    const p = previewTax(draft({}, [{ taxableValue: '10.10', rate: '5' }]), '27');
    expect(p.supply).toEqual({ placeOfSupply: '27', supplyType: 'intra', zeroRated: false });
    expect(p.lines[0]).toEqual({
      igst: 0n,
      cgst: 25n,
      sgst: 25n,
      cess: 0n,
      taxableValue: 1010n,
      total: 1060n,
    });
  });

  it('charges IGST on the whole rate to a buyer in another state', () => {
    const p = previewTax(
      draft({ partyGstin: GSTINS.kaBuyer }, [{ taxableValue: '10.10', rate: '5' }]),
      '27',
    );
    expect(p.supply?.supplyType).toBe('inter');
    expect(p.lines[0]).toMatchObject({ igst: 51n, cgst: 0n, sgst: 0n, total: 1061n });
  });

  it('adds cess on an inter-state line and reads Indian digit grouping', () => {
    // 1,00,000 × 28% = 28,000 IGST; × 12% = 12,000 cess.
    const p = previewTax(
      draft({ partyGstin: GSTINS.kaBuyer }, [
        { taxableValue: '1,00,000', rate: '28', cessRate: '12' },
      ]),
      '27',
    );
    expect(p.totals).toEqual({
      taxableValue: 10_000_000n,
      igst: 2_800_000n,
      cgst: 0n,
      sgst: 0n,
      cess: 1_200_000n,
      total: 14_000_000n,
    });
  });

  it('follows a place of supply written on the document over the party state', () => {
    const p = previewTax(
      draft({ placeOfSupply: '29' }, [{ taxableValue: '100', rate: '18' }]),
      '27',
    );
    expect(p.supply).toEqual({ placeOfSupply: '29', supplyType: 'inter', zeroRated: false });
    expect(p.lines[0]?.igst).toBe(1800n);
  });

  it('charges nothing on an SEZ supply under LUT, and IGST when tax is paid on it', () => {
    const sez = { partyGstin: GSTINS.sezMh, partyCategory: 'sez' as const };
    const lut = previewTax(draft(sez, [{ taxableValue: '100', rate: '18' }]), '27');
    expect(lut.supply).toEqual({ placeOfSupply: '27', supplyType: 'inter', zeroRated: true });
    expect(lut.lines[0]).toMatchObject({ igst: 0n, cgst: 0n, sgst: 0n, total: 10_000n });

    const paid = previewTax(
      draft({ ...sez, zeroRatedWithPayment: true }, [{ taxableValue: '100', rate: '18' }]),
      '27',
    );
    expect(paid.lines[0]).toMatchObject({ igst: 1800n, total: 11_800n });
  });

  it('books reverse charge on a purchase from an unregistered supplier, in the company state', () => {
    const p = previewTax(
      draft(
        {
          type: 'purchase',
          partyGstin: '',
          partyName: 'Local transporter',
          partyState: '27',
          reverseCharge: true,
        },
        [{ taxableValue: '1000', rate: '5' }],
      ),
      '27',
    );
    expect(p.lines[0]).toMatchObject({ cgst: 2500n, sgst: 2500n, igst: 0n });
  });

  it('counts an exempt line in the taxable value with no tax on it', () => {
    const p = previewTax(
      draft({}, [
        { taxableValue: '500', rate: '18' },
        { taxableValue: '200', rate: '0', treatment: 'exempt' },
      ]),
      '27',
    );
    expect(p.lines[1]).toMatchObject({ igst: 0n, cgst: 0n, sgst: 0n, cess: 0n, total: 20_000n });
    expect(p.totals).toMatchObject({
      taxableValue: 70_000n,
      cgst: 4500n,
      sgst: 4500n,
      total: 79_000n,
    });
  });

  it('shows no tax for a half-typed line and leaves it out of the totals', () => {
    const p = previewTax(
      draft({}, [{ taxableValue: '100', rate: '18' }, { taxableValue: '12.3.4' }]),
      '27',
    );
    expect(p.lines[1]).toBeNull();
    expect(p.totals.total).toBe(11_800n);
  });

  it('shows no supply until the party state is known', () => {
    const p = previewTax(draft({ partyGstin: '27AAACM9999K1Z' }, [{ taxableValue: '100' }]), '27');
    expect(p.supply).toBeNull();
    expect(p.lines).toEqual([null]);
    expect(p.totals.total).toBe(0n);
  });
});
