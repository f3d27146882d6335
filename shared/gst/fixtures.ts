/**
 * Test fixtures for the GST modules: parties with valid GSTINs and builders for documents in
 * the import shape. Documents go through `parseDocuments`, so every fixture is one the
 * importer would accept. Used only by tests.
 */
import type { Gstin } from './gstin';
import { parseDocuments } from './document';
import { postDocument, type PostedDocument } from './posting';
import type { GstCompany } from './returns';

/** Check characters computed with computeGstinCheckChar. */
export const GSTINS = {
  company: '27AAPFU0939F1ZV', // Maharashtra
  mhBuyer: '27AAACM9999K1ZJ',
  kaBuyer: '29AAACR5055K1Z3', // Karnataka
  gjComposition: '24ABCDE1234F2Z5', // Gujarat
  sezMh: '27AABCS1234D1ZV',
  tnSupplier: '33AAACT2727Q1Z3', // Tamil Nadu
  uinDelhi: '0717UNO00157UNO',
  ecoTcs: '07AAICA3918J1CV',
} as const;

export const COMPANY: GstCompany = {
  gstin: GSTINS.company as Gstin,
  state: '27',
  filingFrequency: 'monthly',
};

export type RawLine = Record<string, unknown>;
export type RawDocument = Record<string, unknown>;

export function rawLine(overrides: RawLine = {}): RawLine {
  return {
    hsn: '8471',
    description: 'Laptop',
    uqc: 'NOS',
    qty: 1,
    taxable_value: '1000.00',
    rate: 18,
    cess_rate: 0,
    treatment: 'taxable',
    ...overrides,
  };
}

/** A sale to the Maharashtra buyer unless overridden; `lines` defaults to one rawLine. */
export function rawDoc(overrides: RawDocument = {}): RawDocument {
  return {
    type: 'sale',
    number: 'INV-1',
    date: '2024-08-05',
    party_gstin: GSTINS.mhBuyer,
    party_state: '27',
    reverse_charge: false,
    lines: [rawLine()],
    ...overrides,
  };
}

/** An unregistered buyer in `state` (no GSTIN, a name instead). */
export function unregistered(state: string): RawDocument {
  return { party_gstin: null, party_name: 'Retail customer', party_state: state };
}

/** Parses and posts for the fixture company; throws with every issue if any is invalid. */
export function post(raws: readonly RawDocument[]): PostedDocument[] {
  const parsed = parseDocuments(raws);
  if (!parsed.ok) throw new Error(parsed.error.map((i) => i.message).join('\n'));
  return parsed.value.map((doc) => postDocument(doc, COMPANY.state));
}
