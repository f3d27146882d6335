/**
 * Tax on one document line: which taxes apply (IGST, or CGST + SGST), and each amount
 * rounded half-up to paise on its own. The portal checks each tax head separately, so
 * CGST and SGST are each half the rate on the taxable value, rounded separately, never
 * half of a rounded total.
 */
import { applyHalfRate, applyRate, type Paise, type Rate } from '../money';
import type { StateCode } from './gstin';

export const DocumentType = {
  Sale: 'sale',
  Purchase: 'purchase',
  CreditNote: 'credit_note',
  DebitNote: 'debit_note',
} as const;
export type DocumentType = (typeof DocumentType)[keyof typeof DocumentType];

/**
 * Who the other party is. `sez`: a unit or developer in a special economic zone. `uin`: a
 * UN body or embassy. `overseas`: outside India (exports, or imports when purchasing).
 */
export const PartyCategory = {
  Regular: 'regular',
  Composition: 'composition',
  Sez: 'sez',
  Uin: 'uin',
  Unregistered: 'unregistered',
  Overseas: 'overseas',
} as const;
export type PartyCategory = (typeof PartyCategory)[keyof typeof PartyCategory];

/** Parties with a GSTIN or UIN: GSTR-1 reports supplies to them invoice by invoice (B2B). */
export function isRegisteredCategory(category: PartyCategory): boolean {
  return category !== PartyCategory.Unregistered && category !== PartyCategory.Overseas;
}

/** `nil`: taxable at 0%. `exempt`: exempted by notification. `non_gst`: outside GST. */
export const Treatment = {
  Taxable: 'taxable',
  Nil: 'nil',
  Exempt: 'exempt',
  NonGst: 'non_gst',
} as const;
export type Treatment = (typeof Treatment)[keyof typeof Treatment];

export type SupplyType = 'inter' | 'intra';

/** The facts of a document that decide how its lines are taxed. */
export interface SupplyContext {
  readonly documentType: DocumentType;
  readonly partyCategory: PartyCategory;
  readonly companyState: StateCode;
  readonly partyState: StateCode;
  /** As written on the document; null when it was left to default. */
  readonly placeOfSupply: StateCode | null;
  readonly reverseCharge: boolean;
  readonly zeroRatedWithPayment: boolean;
}

export interface SupplyClass {
  readonly placeOfSupply: StateCode;
  readonly supplyType: SupplyType;
  /** An export or supply to an SEZ: zero-rated whether or not IGST is paid on it. */
  readonly zeroRated: boolean;
}

export interface TaxableLine {
  readonly treatment: Treatment;
  readonly taxableValue: Paise;
  readonly rate: Rate;
  readonly cessRate: Rate;
}

export interface LineTax {
  readonly igst: Paise;
  readonly cgst: Paise;
  readonly sgst: Paise;
  readonly cess: Paise;
}

export const NO_TAX: LineTax = { igst: 0n, cgst: 0n, sgst: 0n, cess: 0n };

export function isOutward(type: DocumentType): boolean {
  return type !== DocumentType.Purchase;
}

function isAbroadOrSez(category: PartyCategory): boolean {
  return category === PartyCategory.Sez || category === PartyCategory.Overseas;
}

/**
 * Place of supply and supply type. An omitted place of supply defaults to the party's
 * state on outward documents (where the customer is) but to the company's own state on
 * purchases, since goods bought are normally received where the company is registered.
 * Supply type compares the supplier's state with the place of supply; SEZ and overseas
 * parties are always inter-state (IGST Act, sections 7(5) and 7(2)).
 */
export function classifySupply(ctx: SupplyContext): SupplyClass {
  const outward = isOutward(ctx.documentType);
  const placeOfSupply = ctx.placeOfSupply ?? (outward ? ctx.partyState : ctx.companyState);
  const supplierState = outward ? ctx.companyState : ctx.partyState;
  const inter = isAbroadOrSez(ctx.partyCategory) || supplierState !== placeOfSupply;
  return {
    placeOfSupply,
    supplyType: inter ? 'inter' : 'intra',
    zeroRated: outward && isAbroadOrSez(ctx.partyCategory),
  };
}

/**
 * Whether GST is charged at all on a taxable line. Zero-rated supplies under a bond or LUT
 * carry none. Composition and unregistered suppliers cannot charge GST, so a purchase from
 * one carries tax only when the company itself pays it under reverse charge.
 */
function isTaxCharged(ctx: SupplyContext, supply: SupplyClass): boolean {
  if (supply.zeroRated) return ctx.zeroRatedWithPayment;
  const cannotCharge =
    ctx.partyCategory === PartyCategory.Composition ||
    ctx.partyCategory === PartyCategory.Unregistered;
  if (ctx.documentType === DocumentType.Purchase && cannotCharge) return ctx.reverseCharge;
  return true;
}

/** Tax on one line. Amounts are positive for every document type; notes are signed later. */
export function computeLineTax(ctx: SupplyContext, line: TaxableLine): LineTax {
  const supply = classifySupply(ctx);
  if (line.treatment !== Treatment.Taxable || !isTaxCharged(ctx, supply)) return NO_TAX;

  const cess = applyRate(line.taxableValue, line.cessRate);
  if (supply.supplyType === 'inter') {
    return { igst: applyRate(line.taxableValue, line.rate), cgst: 0n, sgst: 0n, cess };
  }
  const half = applyHalfRate(line.taxableValue, line.rate);
  return { igst: 0n, cgst: half, sgst: half, cess };
}
