/**
 * The live tax preview of the invoice form. It runs the same shared code the server posts
 * with (`classifySupply`, `computeLineTax`, exact paise), so the figures shown are the
 * figures that will be booked, whatever half-typed state the rest of the form is in: a line
 * whose amount or rate doesn't parse yet simply shows no tax.
 */
import { isStateCode, type StateCode } from '../../../shared/gst/gstin';
import {
  classifySupply,
  computeLineTax,
  type LineTax,
  type SupplyClass,
} from '../../../shared/gst/tax';
import { parseRate, parseRupees, sumPaise, type Paise } from '../../../shared/money';
import {
  partyCategoryOf,
  partyStateOf,
  plainNumber,
  type DraftLine,
  type InvoiceDraft,
} from './invoice-draft';

export interface LinePreview extends LineTax {
  readonly taxableValue: Paise;
  /** Taxable value plus every tax on the line. */
  readonly total: Paise;
}

export interface TaxTotals {
  readonly taxableValue: Paise;
  readonly igst: Paise;
  readonly cgst: Paise;
  readonly sgst: Paise;
  readonly cess: Paise;
  readonly total: Paise;
}

export interface TaxPreview {
  /** Null until the party's state is known (a valid GSTIN, or a state picked). */
  readonly supply: SupplyClass | null;
  /** One entry per line; null where the line's amount or rates don't parse yet. */
  readonly lines: readonly (LinePreview | null)[];
  /** Over the lines that parse. */
  readonly totals: TaxTotals;
}

const ZERO_TOTALS: TaxTotals = {
  taxableValue: 0n,
  igst: 0n,
  cgst: 0n,
  sgst: 0n,
  cess: 0n,
  total: 0n,
};

function parseLine(line: DraftLine) {
  const value = parseRupees(plainNumber(line.taxableValue));
  const rate = parseRate(plainNumber(line.rate));
  const cessText = plainNumber(line.cessRate);
  const cess = parseRate(cessText === '' ? '0' : cessText);
  if (!value.ok || !rate.ok || !cess.ok || value.value < 0n) return null;
  return {
    treatment: line.treatment,
    taxableValue: value.value,
    rate: rate.value,
    cessRate: cess.value,
  };
}

/** Tax on each line of `draft` for a company registered in `companyState`. */
export function previewTax(draft: InvoiceDraft, companyState: StateCode): TaxPreview {
  const partyState = partyStateOf(draft);
  if (partyState === null) {
    return { supply: null, lines: draft.lines.map(() => null), totals: ZERO_TOTALS };
  }

  const ctx = {
    documentType: draft.type,
    partyCategory: partyCategoryOf(draft),
    companyState,
    partyState,
    placeOfSupply: isStateCode(draft.placeOfSupply) ? draft.placeOfSupply : null,
    reverseCharge: draft.reverseCharge,
    zeroRatedWithPayment: draft.zeroRatedWithPayment,
  };
  const lines = draft.lines.map((l): LinePreview | null => {
    const parsed = parseLine(l);
    if (parsed === null) return null;
    const tax = computeLineTax(ctx, parsed);
    const total = parsed.taxableValue + tax.igst + tax.cgst + tax.sgst + tax.cess;
    return { ...tax, taxableValue: parsed.taxableValue, total };
  });
  return { supply: classifySupply(ctx), lines, totals: totalsOf(lines) };
}

function totalsOf(lines: readonly (LinePreview | null)[]): TaxTotals {
  const ok = lines.filter((l): l is LinePreview => l !== null);
  const sum = (pick: (l: LinePreview) => Paise) => sumPaise(ok.map(pick));
  return {
    taxableValue: sum((l) => l.taxableValue),
    igst: sum((l) => l.igst),
    cgst: sum((l) => l.cgst),
    sgst: sum((l) => l.sgst),
    cess: sum((l) => l.cess),
    total: sum((l) => l.total),
  };
}
