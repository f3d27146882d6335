/**
 * GSTR-3B, computed from posted documents directly (not from GSTR-1), so that the test that
 * GSTR-1's sections add up to table 3.1 checks two independent derivations.
 */
import { toRupeeNumber, type Paise } from '../money';
import type { StateCode } from './gstin';
import {
  accumulate,
  documentSign,
  lineAmounts,
  sumAmounts,
  ZERO_AMOUNTS,
  type Amounts,
  type PostedDocument,
  type PostedLine,
} from './posting';
import type { SupplyType } from './tax';

export type ItcType = 'IMPG' | 'IMPS' | 'ISRC' | 'ISD' | 'OTH';
const ITC_TYPES: readonly ItcType[] = ['IMPG', 'IMPS', 'ISRC', 'ISD', 'OTH'];

/** Table 5 rows: `GST` is composition, nil-rated and exempt inward supply; `NONGST` the rest. */
export type InwardType = 'GST' | 'NONGST';

/** Exact GSTR-3B figures in paise; `toGstr3bJson` turns them into the portal's shape. */
export interface Gstr3bFigures {
  /** 3.1 (a) to (e). */
  readonly outwardTaxable: Amounts;
  readonly outwardZeroRated: Amounts;
  readonly outwardNilExempt: Amounts;
  readonly inwardReverseCharge: Amounts;
  readonly outwardNonGst: Amounts;
  /** 3.1.1 (ii): supplies through e-commerce operators who pay the tax (section 9(5)). */
  readonly ecoRegisteredSupplies: Paise;
  /** 3.2: inter-state supplies by place of supply, taxable value and IGST. */
  readonly interStateUnregistered: ReadonlyMap<StateCode, Amounts>;
  readonly interStateComposition: ReadonlyMap<StateCode, Amounts>;
  readonly interStateUin: ReadonlyMap<StateCode, Amounts>;
  /** 4 (A). Reversals and ineligible credit are not modelled (see toGstr3bJson). */
  readonly itcAvailable: ReadonlyMap<ItcType, Amounts>;
  /** 5: inward values by row and inter/intra. */
  readonly inward: ReadonlyMap<`${InwardType}|${SupplyType}`, Paise>;
}

interface Accumulators {
  outwardTaxable: Amounts[];
  outwardZeroRated: Amounts[];
  outwardNilExempt: Amounts[];
  inwardReverseCharge: Amounts[];
  outwardNonGst: Amounts[];
  ecoRegisteredSupplies: Paise;
  interState: Record<'unregistered' | 'composition' | 'uin', Map<StateCode, Amounts>>;
  itcAvailable: Map<ItcType, Amounts>;
  inward: Map<`${InwardType}|${SupplyType}`, Paise>;
}

/** SAC codes (services) all start with 99; anything else is goods. */
function isService(line: PostedLine): boolean {
  return line.hsn.startsWith('99');
}

/**
 * Outward supplies under reverse charge are left out of 3.1: the recipient owes the tax and
 * reports it in its own 3.1(d). Zero-rated supplies go to 3.1(b) with or without payment.
 */
function addOutward(acc: Accumulators, doc: PostedDocument, line: PostedLine): void {
  const amounts = lineAmounts(line, documentSign(doc));
  if (line.treatment === 'nil' || line.treatment === 'exempt') {
    acc.outwardNilExempt.push({ ...ZERO_AMOUNTS, txval: amounts.txval });
    return;
  }
  if (line.treatment === 'non_gst') {
    acc.outwardNonGst.push({ ...ZERO_AMOUNTS, txval: amounts.txval });
    return;
  }
  if (doc.ecommerceOperatorPays) {
    acc.ecoRegisteredSupplies += amounts.txval;
    return;
  }
  if (doc.reverseCharge) return;
  if (doc.supply.zeroRated) {
    acc.outwardZeroRated.push(amounts);
    return;
  }
  acc.outwardTaxable.push(amounts);
  const category = doc.partyCategory;
  const isTable32 = category === 'unregistered' || category === 'composition' || category === 'uin';
  if (doc.supply.supplyType === 'inter' && isTable32) {
    const igstOnly = { ...ZERO_AMOUNTS, txval: amounts.txval, iamt: amounts.iamt };
    accumulate(acc.interState[category], doc.supply.placeOfSupply, igstOnly);
  }
}

interface ItcRow {
  readonly type: ItcType;
  /** Also the company's own liability in 3.1(d). */
  readonly reverse: boolean;
}

/** Which ITC row a taxable purchase line feeds; null when no GST was charged on it. */
function itcRow(doc: PostedDocument, line: PostedLine): ItcRow | null {
  const abroad = doc.partyCategory === 'overseas';
  // Imported services are always taxed under reverse charge (IGST Act section 5(3)).
  if (abroad && isService(line)) return { type: 'IMPS', reverse: true };
  // Goods from abroad or from an SEZ come in on a bill of entry, IGST paid at customs.
  if (abroad || (doc.partyCategory === 'sez' && !isService(line))) {
    return { type: 'IMPG', reverse: false };
  }
  if (doc.reverseCharge) return { type: 'ISRC', reverse: true };
  const cannotCharge = doc.partyCategory === 'composition' || doc.partyCategory === 'unregistered';
  return cannotCharge ? null : { type: 'OTH', reverse: false };
}

function addInwardValue(
  acc: Accumulators,
  type: InwardType,
  doc: PostedDocument,
  line: PostedLine,
) {
  const key = `${type}|${doc.supply.supplyType}` as const;
  acc.inward.set(key, (acc.inward.get(key) ?? 0n) + line.taxableValue);
}

/**
 * Limitation: purchases from unregistered suppliers outside reverse charge are in no
 * table; purchase-side credit and debit notes are not in the import shape.
 */
function addPurchase(acc: Accumulators, doc: PostedDocument, line: PostedLine): void {
  if (line.treatment === 'non_gst') return addInwardValue(acc, 'NONGST', doc, line);
  if (line.treatment !== 'taxable') return addInwardValue(acc, 'GST', doc, line);

  const row = itcRow(doc, line);
  if (row === null) {
    if (doc.partyCategory === 'composition') addInwardValue(acc, 'GST', doc, line);
    return;
  }
  const amounts = lineAmounts(line);
  accumulate(acc.itcAvailable, row.type, { ...amounts, txval: 0n });
  if (row.reverse) acc.inwardReverseCharge.push(amounts);
}

export function computeGstr3b(docs: readonly PostedDocument[]): Gstr3bFigures {
  const acc: Accumulators = {
    outwardTaxable: [],
    outwardZeroRated: [],
    outwardNilExempt: [],
    inwardReverseCharge: [],
    outwardNonGst: [],
    ecoRegisteredSupplies: 0n,
    interState: { unregistered: new Map(), composition: new Map(), uin: new Map() },
    itcAvailable: new Map(),
    inward: new Map(),
  };
  for (const doc of docs) {
    for (const line of doc.lines) {
      if (doc.type === 'purchase') addPurchase(acc, doc, line);
      else addOutward(acc, doc, line);
    }
  }
  return {
    outwardTaxable: sumAmounts(acc.outwardTaxable),
    outwardZeroRated: sumAmounts(acc.outwardZeroRated),
    outwardNilExempt: sumAmounts(acc.outwardNilExempt),
    inwardReverseCharge: sumAmounts(acc.inwardReverseCharge),
    outwardNonGst: sumAmounts(acc.outwardNonGst),
    ecoRegisteredSupplies: acc.ecoRegisteredSupplies,
    interStateUnregistered: acc.interState.unregistered,
    interStateComposition: acc.interState.composition,
    interStateUin: acc.interState.uin,
    itcAvailable: acc.itcAvailable,
    inward: acc.inward,
  };
}

export interface AmountsJson {
  txval: number;
  iamt: number;
  camt: number;
  samt: number;
  csamt: number;
}
type TaxJson = Omit<AmountsJson, 'txval'>;

export function toAmountsJson(a: Amounts): AmountsJson {
  return {
    txval: toRupeeNumber(a.txval),
    iamt: toRupeeNumber(a.iamt),
    camt: toRupeeNumber(a.camt),
    samt: toRupeeNumber(a.samt),
    csamt: toRupeeNumber(a.csamt),
  };
}

function toTaxJson(a: Amounts): TaxJson {
  const { iamt, camt, samt, csamt } = toAmountsJson(a);
  return { iamt, camt, samt, csamt };
}

export interface Gstr3bJson {
  gstin: string;
  ret_period: string;
  sup_details: Record<
    'osup_det' | 'osup_zero' | 'osup_nil_exmp' | 'isup_rev' | 'osup_nongst',
    AmountsJson
  >;
  eco_dtls: { eco_sup: AmountsJson; eco_reg_sup: { txval: number } };
  inter_sup: Record<
    'unreg_details' | 'comp_details' | 'uin_details',
    { pos: string; txval: number; iamt: number }[]
  >;
  itc_elg: {
    itc_avl: ({ ty: ItcType } & TaxJson)[];
    itc_rev: ({ ty: 'RUL' | 'OTH' } & TaxJson)[];
    itc_net: TaxJson;
    itc_inelg: ({ ty: 'RUL' | 'OTH' } & TaxJson)[];
  };
  inward_sup: { isup_details: { ty: InwardType; inter: number; intra: number }[] };
}

function byPos(map: ReadonlyMap<StateCode, Amounts>) {
  return [...map.keys()].sort().map((pos) => {
    const a = map.get(pos) ?? ZERO_AMOUNTS;
    return { pos, txval: toRupeeNumber(a.txval), iamt: toRupeeNumber(a.iamt) };
  });
}

/**
 * The portal's GSTR-3B JSON.
 *
 * Limitation: ITC reversals (rules 42/43) and ineligible credit (section 17(5)) need an
 * eligibility flag per purchase line that the import shape lacks, so they are zero and net
 * ITC equals ITC available. 3.1.1(i) is for e-commerce operators' own returns and is zero.
 */
export function toGstr3bJson(figures: Gstr3bFigures, gstin: string, fp: string): Gstr3bJson {
  const itcAvl = ITC_TYPES.map((ty) => ({
    ty,
    ...toTaxJson(figures.itcAvailable.get(ty) ?? ZERO_AMOUNTS),
  }));
  const zeroTax = toTaxJson(ZERO_AMOUNTS);
  const inward = (ty: InwardType) => ({
    ty,
    inter: toRupeeNumber(figures.inward.get(`${ty}|inter`) ?? 0n),
    intra: toRupeeNumber(figures.inward.get(`${ty}|intra`) ?? 0n),
  });
  return {
    gstin,
    ret_period: fp,
    sup_details: {
      osup_det: toAmountsJson(figures.outwardTaxable),
      osup_zero: toAmountsJson(figures.outwardZeroRated),
      osup_nil_exmp: toAmountsJson(figures.outwardNilExempt),
      isup_rev: toAmountsJson(figures.inwardReverseCharge),
      osup_nongst: toAmountsJson(figures.outwardNonGst),
    },
    eco_dtls: {
      eco_sup: toAmountsJson(ZERO_AMOUNTS),
      eco_reg_sup: { txval: toRupeeNumber(figures.ecoRegisteredSupplies) },
    },
    inter_sup: {
      unreg_details: byPos(figures.interStateUnregistered),
      comp_details: byPos(figures.interStateComposition),
      uin_details: byPos(figures.interStateUin),
    },
    itc_elg: {
      itc_avl: itcAvl,
      itc_rev: [
        { ty: 'RUL', ...zeroTax },
        { ty: 'OTH', ...zeroTax },
      ],
      itc_net: toTaxJson(sumAmounts(figures.itcAvailable.values())),
      itc_inelg: [
        { ty: 'RUL', ...zeroTax },
        { ty: 'OTH', ...zeroTax },
      ],
    },
    inward_sup: { isup_details: [inward('GST'), inward('NONGST')] },
  };
}
