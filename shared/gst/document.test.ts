import { describe, expect, it } from 'vitest';

import { rate, rupees } from '../money';
import { parseDocuments } from './document';

function sale(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'sale',
    number: 'INV-1',
    date: '2024-08-01',
    party_gstin: '27AAPFU0939F1ZV',
    party_state: '27',
    reverse_charge: false,
    lines: [
      {
        hsn: '8471',
        description: 'Laptop',
        uqc: 'NOS',
        qty: 2,
        taxable_value: '1234.50',
        rate: 18,
        treatment: 'taxable',
      },
    ],
    ...overrides,
  };
}

function messages(input: unknown): string[] {
  const result = parseDocuments(input);
  return result.ok ? [] : result.error.map((issue) => issue.message);
}

describe('parseDocuments', () => {
  it('turns a valid sale into exact amounts with defaults filled in', () => {
    const result = parseDocuments([sale()]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [doc] = result.value;
    expect(doc).toMatchObject({
      partyCategory: 'regular',
      placeOfSupply: null,
      zeroRatedWithPayment: false,
      against: null,
    });
    expect(doc?.lines[0]).toEqual({
      hsn: '8471',
      description: 'Laptop',
      uqc: 'NOS',
      qty: 2000n,
      taxableValue: rupees('1234.50'),
      rate: rate('18'),
      cessRate: rate('0'),
      treatment: 'taxable',
    });
  });

  it('defaults a party without GSTIN to unregistered, or overseas in state 96', () => {
    const local = sale({ party_gstin: null, party_name: 'Walk-in' });
    const foreign = sale({
      number: 'EXP-1',
      party_gstin: null,
      party_name: 'ACME',
      party_state: '96',
    });
    const result = parseDocuments([local, foreign]);
    expect(result.ok && result.value.map((d) => d.partyCategory)).toEqual([
      'unregistered',
      'overseas',
    ]);
  });

  it('names the document, its number and the line in each message', () => {
    const badLine = sale({
      number: 'INV-9',
      lines: [{ ...(sale().lines as object[])[0], qty: -1, rate: 7 }],
    });
    const badHsn = sale({
      number: 'INV-10',
      lines: [{ ...(sale().lines as object[])[0], hsn: '84', uqc: 'KG' }],
    });
    expect(messages([sale(), badLine, badHsn])).toEqual([
      'document 1 (INV-9), line 0, qty: must not be negative',
      'document 2 (INV-10), line 0, hsn: must be a 4, 6 or 8 digit HSN/SAC code',
      'document 2 (INV-10), line 0, uqc: must be a GST unit quantity code',
    ]);
    // Rules spanning fields (a rate against the date) run once the fields themselves parse.
    const fixed = sale({ number: 'INV-9', lines: [{ ...(sale().lines as object[])[0], rate: 7 }] });
    expect(messages([fixed])).toEqual([
      'document 0 (INV-9), line 0, rate: 7% is not a GST rate on 2024-08-01',
    ]);
  });

  it('checks GSTIN check characters and state codes', () => {
    expect(messages([sale({ party_gstin: '27AAPFU0939F1ZW' })])).toEqual([
      'document 0 (INV-1), party_gstin: GSTIN check character should be V',
    ]);
    expect(messages([sale({ party_state: '24' })])).toEqual([
      "document 0 (INV-1), party_state: must match the GSTIN's state code 27",
    ]);
    expect(messages([sale({ party_state: '40' })])).toEqual([
      'document 0 (INV-1), party_state: must be a state code',
    ]);
  });

  it('refuses a rate that GST 2.0 abolished once it is in force', () => {
    const line = { ...(sale().lines as object[])[0], rate: 40 };
    expect(messages([sale({ lines: [line] })])).toEqual([
      'document 0 (INV-1), line 0, rate: 40% is not a GST rate on 2024-08-01',
    ]);
    expect(messages([sale({ date: '2025-09-22', lines: [line] })])).toEqual([]);
  });

  it('requires a party name without GSTIN and the original invoice on notes', () => {
    expect(messages([sale({ party_gstin: null })])).toEqual([
      'document 0 (INV-1), party_name: required when there is no party_gstin',
    ]);
    expect(messages([sale({ type: 'credit_note', number: 'CN-1' })])).toEqual([
      'document 0 (CN-1), against: required for credit and debit notes',
    ]);
  });

  it('refuses amounts with fractional paise and non-decimal values', () => {
    const line = { ...(sale().lines as object[])[0], taxable_value: '10.005' };
    expect(messages([sale({ lines: [line] })])).toEqual([
      'document 0 (INV-1), line 0, taxable_value: "10.005" has more than 2 decimal places',
    ]);
  });

  it('refuses a registered category without GSTIN and a GSTIN on an unregistered party', () => {
    expect(messages([sale({ party_gstin: null, party_name: 'X', party_category: 'sez' })])).toEqual(
      ['document 0 (INV-1), party_gstin: required for a sez party'],
    );
    expect(messages([sale({ party_category: 'unregistered' })])).toEqual([
      'document 0 (INV-1), party_gstin: must be null for unregistered',
    ]);
  });

  it('refuses reverse charge on a supply to someone who cannot pay it', () => {
    const walkIn = sale({ party_gstin: null, party_name: 'Walk-in', reverse_charge: true });
    expect(messages([walkIn])).toEqual([
      'document 0 (INV-1), reverse_charge: a unregistered recipient cannot pay tax under reverse charge',
    ]);
    const gta = sale({
      type: 'purchase',
      party_gstin: null,
      party_name: 'GTA',
      reverse_charge: true,
    });
    expect(messages([gta])).toEqual([]);
  });

  it('reports a non-array input at the top level', () => {
    const result = parseDocuments({ not: 'an array' });
    expect(result.ok ? 0 : result.error.length).toBe(1);
  });
});
