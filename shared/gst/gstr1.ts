/**
 * GSTR-1 invoice sections in the GST portal's offline-tool JSON shape: b2b, b2cl, b2cs,
 * cdnr, cdnur and exp. The summary tables (nil, hsn, doc_issue, supeco) are in
 * gstr1-tables.ts. Notes carry positive amounts here, as on the portal; `ntty` says which way
 * they go. Input documents are posted and already inside the return period.
 */
import { rateToNumber, toRupeeNumber, type Paise, type Rate } from '../money';
import { toPortalDate, type IsoDate } from './period';
import {
  accumulate,
  documentSign,
  documentValue,
  lineAmounts,
  type Amounts,
  type PostedDocument,
} from './posting';
import { isOutward, isRegisteredCategory, type SupplyType } from './tax';

/**
 * The B2CL invoice-value limit (rule 59(4)(a)): 2.5 lakh, lowered to 1 lakh for invoices
 * from 1 Aug 2024 by Notification 12/2024-Central Tax. An invoice exactly at it is B2CS.
 */
export function b2clLimitOn(date: IsoDate): Paise {
  return date < '2024-08-01' ? 250_000_00n : 100_000_00n;
}

export type Gstr1Section = 'b2b' | 'b2cl' | 'b2cs' | 'cdnr' | 'cdnur' | 'exp' | 'supeco_only';
export type CdnurType = 'B2CL' | 'EXPWP' | 'EXPWOP';

function isLargeInterStateB2c(doc: PostedDocument, value: Paise, date: IsoDate): boolean {
  return doc.supply.supplyType === 'inter' && value > b2clLimitOn(date);
}

/**
 * Where an outward document goes. An invoice to an unregistered buyer is B2CL only when
 * inter-state and above the limit on its date; a note follows its original invoice's value
 * and date, so a note against a B2CS invoice nets into B2CS. Supplies on which the
 * e-commerce operator pays the tax are reported only in supeco.
 */
export function gstr1Section(doc: PostedDocument): Gstr1Section {
  if (doc.ecommerceOperatorPays) return 'supeco_only';
  const note = doc.type === 'credit_note' || doc.type === 'debit_note';
  if (isRegisteredCategory(doc.partyCategory)) return note ? 'cdnr' : 'b2b';
  if (doc.partyCategory === 'overseas') return note ? 'cdnur' : 'exp';
  const large = note
    ? doc.against !== null && isLargeInterStateB2c(doc, doc.against.value, doc.against.date)
    : isLargeInterStateB2c(doc, documentValue(doc), doc.date);
  if (!large) return 'b2cs';
  return note ? 'cdnur' : 'b2cl';
}

export function cdnurType(doc: PostedDocument): CdnurType {
  if (doc.partyCategory !== 'overseas') return 'B2CL';
  return doc.zeroRatedWithPayment ? 'EXPWP' : 'EXPWOP';
}

export interface TaxHeadsJson {
  txval: number;
  iamt?: number;
  camt?: number;
  samt?: number;
  csamt: number;
}

/** Inter-state rows carry iamt, intra-state rows camt and samt, as the portal expects. */
export function toTaxHeads(a: Amounts, supplyType: SupplyType): TaxHeadsJson {
  const heads =
    supplyType === 'inter'
      ? { iamt: toRupeeNumber(a.iamt) }
      : { camt: toRupeeNumber(a.camt), samt: toRupeeNumber(a.samt) };
  return { txval: toRupeeNumber(a.txval), ...heads, csamt: toRupeeNumber(a.csamt) };
}

export interface RateTotal {
  readonly rate: Rate;
  readonly amounts: Amounts;
}

/** The document's taxable lines merged per rate, lowest rate first; amounts unsigned. */
export function totalsByRate(doc: PostedDocument): RateTotal[] {
  const byRate = new Map<Rate, Amounts>();
  for (const line of doc.lines) {
    if (line.treatment === 'taxable') accumulate(byRate, line.rate, lineAmounts(line));
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([rate, amounts]) => ({ rate, amounts }));
}

export type ItemJson = { num: number; itm_det: TaxHeadsJson & { rt: number } };

function items(doc: PostedDocument): ItemJson[] {
  return totalsByRate(doc).map(({ rate, amounts }, i) => ({
    num: i + 1,
    itm_det: { rt: rateToNumber(rate), ...toTaxHeads(amounts, doc.supply.supplyType) },
  }));
}

function etin(doc: PostedDocument): { etin?: string } {
  return doc.ecommerceGstin === null ? {} : { etin: doc.ecommerceGstin };
}

function b2bInvoiceType(doc: PostedDocument): 'R' | 'SEWP' | 'SEWOP' {
  if (doc.partyCategory !== 'sez') return 'R';
  return doc.zeroRatedWithPayment ? 'SEWP' : 'SEWOP';
}

export interface B2bInvoiceJson {
  inum: string;
  idt: string;
  val: number;
  pos: string;
  rchrg: 'Y' | 'N';
  inv_typ: 'R' | 'SEWP' | 'SEWOP' | 'DE';
  etin?: string;
  itms: ItemJson[];
}

function b2bInvoice(doc: PostedDocument): B2bInvoiceJson {
  return {
    inum: doc.number,
    idt: toPortalDate(doc.date),
    val: toRupeeNumber(documentValue(doc)),
    pos: doc.supply.placeOfSupply,
    rchrg: doc.reverseCharge ? 'Y' : 'N',
    inv_typ: b2bInvoiceType(doc),
    ...etin(doc),
    itms: items(doc),
  };
}

export interface NoteJson {
  ntty: 'C' | 'D';
  nt_num: string;
  nt_dt: string;
  val: number;
  pos: string;
  rchrg: 'Y' | 'N';
  inv_typ: 'R' | 'SEWP' | 'SEWOP' | 'DE';
  itms: ItemJson[];
}

function noteJson(doc: PostedDocument): NoteJson {
  return {
    ntty: doc.type === 'credit_note' ? 'C' : 'D',
    nt_num: doc.number,
    nt_dt: toPortalDate(doc.date),
    val: toRupeeNumber(documentValue(doc)),
    pos: doc.supply.placeOfSupply,
    rchrg: doc.reverseCharge ? 'Y' : 'N',
    inv_typ: b2bInvoiceType(doc),
    itms: items(doc),
  };
}

function byKey<T>([a]: [string, T], [b]: [string, T]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Groups documents by a key, keys ascending, documents in input order within a key. */
function groupBy(
  docs: readonly PostedDocument[],
  key: (doc: PostedDocument) => string,
): [string, PostedDocument[]][] {
  const groups = new Map<string, PostedDocument[]>();
  for (const doc of docs) groups.set(key(doc), [...(groups.get(key(doc)) ?? []), doc]);
  return [...groups.entries()].sort(byKey);
}

export interface B2clInvoiceJson {
  inum: string;
  idt: string;
  val: number;
  etin?: string;
  itms: ItemJson[];
}

export type B2csJson = TaxHeadsJson & {
  sply_ty: 'INTER' | 'INTRA';
  pos: string;
  typ: 'OE' | 'E';
  etin?: string;
  rt: number;
};

interface B2csKey {
  readonly supplyType: SupplyType;
  readonly pos: string;
  readonly rate: Rate;
  readonly etin: string | null;
}

/** B2CS is one row per supply type, place of supply, rate and e-commerce operator. */
function buildB2cs(docs: readonly PostedDocument[]): B2csJson[] {
  const keys = new Map<string, B2csKey>();
  const totals = new Map<string, Amounts>();
  for (const doc of docs) {
    const { supplyType, placeOfSupply: pos } = doc.supply;
    for (const line of doc.lines) {
      if (line.treatment !== 'taxable') continue;
      const key = { supplyType, pos, rate: line.rate, etin: doc.ecommerceGstin };
      const id = [supplyType, pos, String(line.rate).padStart(8, '0'), key.etin ?? ''].join('|');
      keys.set(id, key);
      accumulate(totals, id, lineAmounts(line, documentSign(doc)));
    }
  }
  return [...totals.entries()].sort(byKey).map(([id, amounts]) => {
    const key = keys.get(id) as B2csKey;
    return {
      sply_ty: key.supplyType === 'inter' ? 'INTER' : 'INTRA',
      pos: key.pos,
      typ: key.etin === null ? 'OE' : 'E',
      ...(key.etin === null ? {} : { etin: key.etin }),
      rt: rateToNumber(key.rate),
      ...toTaxHeads(amounts, key.supplyType),
    };
  });
}

export interface CdnurJson {
  typ: CdnurType;
  ntty: 'C' | 'D';
  nt_num: string;
  nt_dt: string;
  val: number;
  pos?: string;
  itms: ItemJson[];
}

function cdnurJson(doc: PostedDocument): CdnurJson {
  const { ntty, nt_num, nt_dt, val, pos, itms } = noteJson(doc);
  const typ = cdnurType(doc);
  // Exports have no place of supply in India to report.
  return { typ, ntty, nt_num, nt_dt, val, ...(typ === 'B2CL' ? { pos } : {}), itms };
}

export interface ExportInvoiceJson {
  inum: string;
  idt: string;
  val: number;
  sbpcode?: string;
  sbnum?: string;
  sbdt?: string;
  itms: { txval: number; rt: number; iamt: number; csamt: number }[];
}

function exportInvoice(doc: PostedDocument): ExportInvoiceJson {
  const sb = doc.shippingBill;
  return {
    inum: doc.number,
    idt: toPortalDate(doc.date),
    val: toRupeeNumber(documentValue(doc)),
    ...(sb === null ? {} : { sbpcode: sb.portCode, sbnum: sb.number, sbdt: toPortalDate(sb.date) }),
    itms: totalsByRate(doc).map(({ rate, amounts }) => ({
      txval: toRupeeNumber(amounts.txval),
      rt: rateToNumber(rate),
      iamt: toRupeeNumber(amounts.iamt),
      csamt: toRupeeNumber(amounts.csamt),
    })),
  };
}

export interface Gstr1InvoiceSections {
  b2b?: { ctin: string; inv: B2bInvoiceJson[] }[];
  b2cl?: { pos: string; inv: B2clInvoiceJson[] }[];
  b2cs?: B2csJson[];
  cdnr?: { ctin: string; nt: NoteJson[] }[];
  cdnur?: CdnurJson[];
  exp?: { exp_typ: 'WPAY' | 'WOPAY'; inv: ExportInvoiceJson[] }[];
}

function nonEmpty<K extends string, V>(key: K, list: V[]): { [P in K]?: V[] } {
  return (list.length === 0 ? {} : { [key]: list }) as { [P in K]?: V[] };
}

function b2clInvoice(doc: PostedDocument): B2clInvoiceJson {
  const { inum, idt, val, etin, itms } = b2bInvoice(doc);
  return { inum, idt, val, ...(etin === undefined ? {} : { etin }), itms };
}

const byCtin = (doc: PostedDocument): string => doc.partyGstin ?? '';
const byPos = (doc: PostedDocument): string => doc.supply.placeOfSupply;
const byExportType = (doc: PostedDocument) => (doc.zeroRatedWithPayment ? 'WPAY' : 'WOPAY');

/**
 * The invoice sections, each present only when it has data. A document whose lines are all
 * nil, exempt or non-GST appears only in the nil table.
 */
export function buildInvoiceSections(docs: readonly PostedDocument[]): Gstr1InvoiceSections {
  const taxable = docs.filter(
    (d) => isOutward(d.type) && d.lines.some((l) => l.treatment === 'taxable'),
  );
  const of = (section: Gstr1Section) => taxable.filter((d) => gstr1Section(d) === section);

  const b2b = groupBy(of('b2b'), byCtin).map(([ctin, l]) => ({ ctin, inv: l.map(b2bInvoice) }));
  const b2cl = groupBy(of('b2cl'), byPos).map(([pos, l]) => ({ pos, inv: l.map(b2clInvoice) }));
  const cdnr = groupBy(of('cdnr'), byCtin).map(([ctin, l]) => ({ ctin, nt: l.map(noteJson) }));
  const exp = groupBy(of('exp'), byExportType).map(([type, l]) => ({
    exp_typ: type as 'WPAY' | 'WOPAY',
    inv: l.map(exportInvoice),
  }));
  return {
    ...nonEmpty('b2b', b2b),
    ...nonEmpty('b2cl', b2cl),
    ...nonEmpty('b2cs', buildB2cs(of('b2cs'))),
    ...nonEmpty('cdnr', cdnr),
    ...nonEmpty('cdnur', of('cdnur').map(cdnurJson)),
    ...nonEmpty('exp', exp),
  };
}
