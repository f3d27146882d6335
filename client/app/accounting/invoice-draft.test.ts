import { describe, expect, it } from 'vitest';

import { GSTINS } from '../../../shared/gst/fixtures';
import { testDraft } from './draft-fixtures';
import {
  partyStateOf,
  toImportShape,
  validateDraft,
  type DraftLine,
  type InvoiceDraft,
} from './invoice-draft';

const LAPTOP: Partial<DraftLine> = { hsn: '8471', description: 'Laptop', taxableValue: '1,000' };

function draft(
  overrides: Partial<InvoiceDraft> = {},
  lines: Partial<DraftLine>[] = [{}],
): InvoiceDraft {
  return testDraft(overrides, lines, LAPTOP);
}

describe('toImportShape', () => {
  it('writes the import shape without a number, the state taken from the GSTIN', () => {
    const shape = toImportShape(
      draft({ partyGstin: ` ${GSTINS.kaBuyer.toLowerCase()} `, partyState: '27' }),
    );
    expect(shape).toEqual({
      type: 'sale',
      date: '2024-08-05',
      party_gstin: GSTINS.kaBuyer,
      party_state: '29',
      reverse_charge: false,
      zero_rated_with_payment: false,
      lines: [
        {
          hsn: '8471',
          description: 'Laptop',
          uqc: 'NOS',
          qty: '1',
          taxable_value: '1000',
          rate: '18',
          cess_rate: '0',
          treatment: 'taxable',
        },
      ],
    });
  });

  it('adds the original invoice only to credit and debit notes', () => {
    const note = draft({
      type: 'credit_note',
      againstNumber: 'INV/2425/0001',
      againstDate: '2024-08-01',
      againstValue: '1,180',
    });
    expect(toImportShape(note).against).toEqual({
      number: 'INV/2425/0001',
      date: '2024-08-01',
      value: '1180',
    });
    expect(toImportShape(draft({ againstNumber: 'X' })).against).toBeUndefined();
  });

  it('names an unregistered party and keeps the state picked for it', () => {
    const shape = toImportShape(
      draft({ partyGstin: '', partyName: 'Walk-in customer', partyState: '07' }),
    );
    expect(shape).toMatchObject({
      party_gstin: null,
      party_name: 'Walk-in customer',
      party_state: '07',
    });
  });
});

describe('validateDraft', () => {
  it('accepts a complete sale', () => {
    expect(validateDraft(draft())).toEqual([]);
  });

  it('refuses a rate not in force on the date, naming the line', () => {
    const issues = validateDraft(draft({}, [{}, { rate: '40' }]));
    expect(issues).toEqual([
      { line: 1, field: 'rate', message: 'rate: 40% is not a GST rate on 2024-08-05' },
    ]);
  });

  it('asks for a name when there is no GSTIN', () => {
    const issues = validateDraft(draft({ partyGstin: '', partyState: '27' }));
    expect(issues).toEqual([
      {
        line: null,
        field: 'party_name',
        message: 'party_name: required when there is no party_gstin',
      },
    ]);
  });

  it("asks for the original invoice's number, date and value on a note", () => {
    const issues = validateDraft(draft({ type: 'debit_note' }));
    expect(issues.map((i) => i.field).sort()).toEqual([
      'against.date',
      'against.number',
      'against.value',
    ]);
  });

  it('reports a bad GSTIN check character', () => {
    const [issue] = validateDraft(draft({ partyGstin: '27AAACM9999K1ZK' }));
    expect(issue).toMatchObject({ line: null, field: 'party_gstin' });
    expect(issue?.message).toContain('check character');
  });
});

describe('partyStateOf', () => {
  it('reads the GSTIN first, the picked state without one, and nothing from a bad GSTIN', () => {
    expect(partyStateOf(draft({ partyGstin: GSTINS.tnSupplier, partyState: '27' }))).toBe('33');
    expect(partyStateOf(draft({ partyGstin: '', partyState: '96' }))).toBe('96');
    expect(partyStateOf(draft({ partyGstin: 'nonsense' }))).toBeNull();
  });
});
