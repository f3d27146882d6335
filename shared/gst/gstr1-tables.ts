/**
 * GSTR-1 summary tables: nil (table 8), hsn (table 12), doc_issue (table 13) and supeco
 * (table 14, supplies through e-commerce operators). Signed: credit notes subtract.
 */
import { formatScaled, rateToNumber, toRupeeNumber, type Rate } from '../money';
import { QTY_DECIMALS } from './document';
import type { ReturnPeriod } from './period';
import {
  accumulate,
  documentSign,
  lineAmounts,
  type Amounts,
  type PostedDocument,
  type PostedLine,
} from './posting';
import { isOutward, isRegisteredCategory, type DocumentType } from './tax';

function isRegisteredParty(doc: PostedDocument): boolean {
  return isRegisteredCategory(doc.partyCategory);
}

function outwardLines(docs: readonly PostedDocument[]): [PostedDocument, PostedLine][] {
  return docs
    .filter((d) => isOutward(d.type))
    .flatMap((d) => d.lines.map((l) => [d, l] as [PostedDocument, PostedLine]));
}

export type NilSupplyType = 'INTRB2B' | 'INTRAB2B' | 'INTRB2C' | 'INTRAB2C';
export interface NilJson {
  sply_ty: NilSupplyType;
  nil_amt: number;
  expt_amt: number;
  ngsup_amt: number;
}

const NIL_ORDER: readonly NilSupplyType[] = ['INTRB2B', 'INTRAB2B', 'INTRB2C', 'INTRAB2C'];

/** Table 8: nil-rated, exempt and non-GST outward values by inter/intra and B2B/B2C. */
export function buildNil(docs: readonly PostedDocument[]): { inv: NilJson[] } | null {
  const rows = new Map<NilSupplyType, { nil: bigint; exempt: bigint; nonGst: bigint }>();
  for (const [doc, line] of outwardLines(docs)) {
    if (line.treatment === 'taxable') continue;
    const type = `${doc.supply.supplyType === 'inter' ? 'INTR' : 'INTRA'}${
      isRegisteredParty(doc) ? 'B2B' : 'B2C'
    }` as NilSupplyType;
    const row = rows.get(type) ?? { nil: 0n, exempt: 0n, nonGst: 0n };
    const value = documentSign(doc) * line.taxableValue;
    if (line.treatment === 'nil') row.nil += value;
    if (line.treatment === 'exempt') row.exempt += value;
    if (line.treatment === 'non_gst') row.nonGst += value;
    rows.set(type, row);
  }
  if (rows.size === 0) return null;
  const inv = NIL_ORDER.flatMap((type) => {
    const row = rows.get(type);
    if (row === undefined) return [];
    const nil_amt = toRupeeNumber(row.nil);
    const expt_amt = toRupeeNumber(row.exempt);
    return [{ sply_ty: type, nil_amt, expt_amt, ngsup_amt: toRupeeNumber(row.nonGst) }];
  });
  return { inv };
}

export interface HsnJson {
  num: number;
  hsn_sc: string;
  desc: string;
  uqc: string;
  qty: number;
  rt: number;
  txval: number;
  iamt: number;
  camt: number;
  samt: number;
  csamt: number;
}

/** From May 2025 the portal splits table 12 into B2B and B2C tabs. */
export const HSN_SPLIT_FROM = 202505;

export type HsnSectionJson = { data: HsnJson[] } | { hsn_b2b: HsnJson[]; hsn_b2c: HsnJson[] };

interface HsnKey {
  readonly hsn: string;
  readonly desc: string;
  readonly uqc: string;
  readonly rate: Rate;
}

/** Non-taxable lines report at rate 0: no tax applies whatever the item's usual rate. */
function hsnRows(lines: readonly [PostedDocument, PostedLine][]): HsnJson[] {
  const keys = new Map<string, HsnKey>();
  const qty = new Map<string, bigint>();
  const totals = new Map<string, Amounts>();
  for (const [doc, line] of lines) {
    const rate = (line.treatment === 'taxable' ? line.rate : 0n) as Rate;
    const id = `${line.hsn}|${line.uqc}|${String(rate).padStart(8, '0')}`;
    const sign = documentSign(doc);
    if (!keys.has(id)) keys.set(id, { hsn: line.hsn, desc: line.description, uqc: line.uqc, rate });
    qty.set(id, (qty.get(id) ?? 0n) + sign * line.qty);
    accumulate(totals, id, lineAmounts(line, sign));
  }
  return [...keys.keys()].sort().map((id, i) => {
    const key = keys.get(id) as HsnKey;
    const a = totals.get(id) as Amounts;
    return {
      num: i + 1,
      hsn_sc: key.hsn,
      desc: key.desc,
      uqc: key.uqc,
      qty: Number(formatScaled(qty.get(id) ?? 0n, QTY_DECIMALS)),
      rt: rateToNumber(key.rate),
      txval: toRupeeNumber(a.txval),
      iamt: toRupeeNumber(a.iamt),
      camt: toRupeeNumber(a.camt),
      samt: toRupeeNumber(a.samt),
      csamt: toRupeeNumber(a.csamt),
    };
  });
}

/** Table 12, aggregated by HSN + unit + rate; B2B means supplies to registered parties. */
export function buildHsn(
  period: ReturnPeriod,
  docs: readonly PostedDocument[],
): HsnSectionJson | null {
  const lines = outwardLines(docs);
  if (lines.length === 0) return null;
  if (period.yearMonth < HSN_SPLIT_FROM) return { data: hsnRows(lines) };
  return {
    hsn_b2b: hsnRows(lines.filter(([d]) => isRegisteredParty(d))),
    hsn_b2c: hsnRows(lines.filter(([d]) => !isRegisteredParty(d))),
  };
}

/** Table 13 document kinds, numbered as the portal numbers them. */
export const DocIssueKind = {
  OutwardInvoice: 1,
  InwardFromUnregistered: 2,
  DebitNote: 4,
  CreditNote: 5,
} as const;
export type DocIssueKind = (typeof DocIssueKind)[keyof typeof DocIssueKind];

export interface DocSeriesJson {
  num: number;
  from: string;
  to: string;
  totnum: number;
  cancel: number;
  net_issue: number;
}

export interface DocIssueJson {
  doc_det: { doc_num: DocIssueKind; docs: DocSeriesJson[] }[];
}

const OUTWARD_KIND: Record<Exclude<DocumentType, 'purchase'>, DocIssueKind> = {
  sale: DocIssueKind.OutwardInvoice,
  debit_note: DocIssueKind.DebitNote,
  credit_note: DocIssueKind.CreditNote,
};

/** The documents' numbers by kind; a self invoice is the company's own document. */
function issuedNumbers(docs: readonly PostedDocument[]): Map<DocIssueKind, string[]> {
  const byKind = new Map<DocIssueKind, string[]>();
  const add = (kind: DocIssueKind, number: string) =>
    byKind.set(kind, [...(byKind.get(kind) ?? []), number]);
  for (const doc of docs) {
    if (doc.type !== 'purchase') add(OUTWARD_KIND[doc.type], doc.number);
    else if (doc.selfInvoiceNumber !== null)
      add(DocIssueKind.InwardFromUnregistered, doc.selfInvoiceNumber);
  }
  return byKind;
}

/** Splits "INV/24-25/0042" into its series "INV/24-25/" and running number 42. */
function splitSeries(number: string): [string, bigint] {
  const match = /^(.*?)(\d+)$/.exec(number);
  return match === null ? [number, 0n] : [match[1] ?? '', BigInt(match[2] ?? '0')];
}

/**
 * One row per numbering series, from its lowest to its highest number.
 *
 * Limitation: cancelled documents are not in the input, so `cancel` is 0 and `totnum`
 * counts the documents seen; gaps in a series are not reported as cancellations.
 */
function seriesRows(numbers: readonly string[]): DocSeriesJson[] {
  const series = new Map<string, { number: string; seq: bigint }[]>();
  for (const number of new Set(numbers)) {
    const [prefix, seq] = splitSeries(number);
    series.set(prefix, [...(series.get(prefix) ?? []), { number, seq }]);
  }
  return [...series.keys()].sort().map((prefix, i) => {
    const list = (series.get(prefix) ?? []).sort((a, b) =>
      a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0,
    );
    const count = list.length;
    return {
      num: i + 1,
      from: list[0]?.number ?? '',
      to: list[count - 1]?.number ?? '',
      totnum: count,
      cancel: 0,
      net_issue: count,
    };
  });
}

export function buildDocIssue(docs: readonly PostedDocument[]): DocIssueJson | null {
  const byKind = issuedNumbers(docs);
  if (byKind.size === 0) return null;
  const kinds = [...byKind.keys()].sort((a, b) => a - b);
  return {
    doc_det: kinds.map((kind) => ({ doc_num: kind, docs: seriesRows(byKind.get(kind) ?? []) })),
  };
}

export interface EcoJson {
  etin: string;
  suppval: number;
  igst: number;
  cgst: number;
  sgst: number;
  cess: number;
}

export interface SupecoJson {
  clttx?: EcoJson[];
  paytx?: EcoJson[];
}

function ecoRows(lines: readonly [PostedDocument, PostedLine][]): EcoJson[] {
  const totals = new Map<string, Amounts>();
  for (const [doc, line] of lines) {
    if (line.treatment === 'taxable' && doc.ecommerceGstin !== null) {
      accumulate(totals, doc.ecommerceGstin, lineAmounts(line, documentSign(doc)));
    }
  }
  return [...totals.keys()].sort().map((etin) => {
    const a = totals.get(etin) as Amounts;
    return {
      etin,
      suppval: toRupeeNumber(a.txval),
      igst: toRupeeNumber(a.iamt),
      cgst: toRupeeNumber(a.camt),
      sgst: toRupeeNumber(a.samt),
      cess: toRupeeNumber(a.csamt),
    };
  });
}

/**
 * Table 14: supplies through e-commerce operators, by operator. `clttx`: the operator
 * collects TCS (section 52); `paytx`: the operator pays the tax (section 9(5)).
 */
export function buildSupeco(docs: readonly PostedDocument[]): SupecoJson | null {
  const lines = outwardLines(docs);
  const clttx = ecoRows(lines.filter(([d]) => !d.ecommerceOperatorPays));
  const paytx = ecoRows(lines.filter(([d]) => d.ecommerceOperatorPays));
  if (clttx.length === 0 && paytx.length === 0) return null;
  return { ...(clttx.length === 0 ? {} : { clttx }), ...(paytx.length === 0 ? {} : { paytx }) };
}
