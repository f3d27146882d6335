/**
 * A posted document: an imported document with its supply classified and every line's tax
 * computed. Returns are built only from posted documents, so the tax they report is the tax
 * that was booked.
 */
import { sumPaise, type Paise } from '../money';
import type { DocumentLine, GstDocument } from './document';
import type { StateCode } from './gstin';
import { classifySupply, computeLineTax, type LineTax, type SupplyClass } from './tax';

export interface PostedLine extends DocumentLine {
  readonly tax: LineTax;
}

export interface PostedDocument extends Omit<GstDocument, 'lines'> {
  readonly supply: SupplyClass;
  readonly lines: readonly PostedLine[];
}

/** Classifies the supply and computes each line's tax for a company registered in a state. */
export function postDocument(doc: GstDocument, companyState: StateCode): PostedDocument {
  const ctx = { ...doc, documentType: doc.type, companyState };
  return {
    ...doc,
    supply: classifySupply(ctx),
    lines: doc.lines.map((line) => ({ ...line, tax: computeLineTax(ctx, line) })),
  };
}

export function lineTotal(line: PostedLine): Paise {
  const { igst, cgst, sgst, cess } = line.tax;
  return line.taxableValue + igst + cgst + sgst + cess;
}

/** The document's value: taxable value plus every tax, over all lines. */
export function documentValue(doc: PostedDocument): Paise {
  return sumPaise(doc.lines.map(lineTotal));
}

/** Credit notes reduce what they feed; invoices and debit notes add to it. */
export function documentSign(doc: Pick<PostedDocument, 'type'>): 1n | -1n {
  return doc.type === 'credit_note' ? -1n : 1n;
}

/** Taxable value and the four tax heads, in paise: the unit every return table sums. */
export interface Amounts {
  readonly txval: Paise;
  readonly iamt: Paise;
  readonly camt: Paise;
  readonly samt: Paise;
  readonly csamt: Paise;
}

export const ZERO_AMOUNTS: Amounts = { txval: 0n, iamt: 0n, camt: 0n, samt: 0n, csamt: 0n };

export function lineAmounts(line: PostedLine, sign: 1n | -1n = 1n): Amounts {
  return {
    txval: sign * line.taxableValue,
    iamt: sign * line.tax.igst,
    camt: sign * line.tax.cgst,
    samt: sign * line.tax.sgst,
    csamt: sign * line.tax.cess,
  };
}

export function addAmounts(a: Amounts, b: Amounts): Amounts {
  return {
    txval: a.txval + b.txval,
    iamt: a.iamt + b.iamt,
    camt: a.camt + b.camt,
    samt: a.samt + b.samt,
    csamt: a.csamt + b.csamt,
  };
}

export function sumAmounts(list: Iterable<Amounts>): Amounts {
  let total = ZERO_AMOUNTS;
  for (const amounts of list) total = addAmounts(total, amounts);
  return total;
}

/** Adds `amounts` to the entry for `key`, creating it on first use. */
export function accumulate<K>(map: Map<K, Amounts>, key: K, amounts: Amounts): void {
  map.set(key, addAmounts(map.get(key) ?? ZERO_AMOUNTS, amounts));
}
