/**
 * The GST document import shape: a JSON array of invoices, purchases and notes as they
 * arrive (snake_case), validated and turned into `GstDocument`s with exact amounts.
 * Every field problem in every document is reported together, each naming the document and
 * line; rules spanning fields (a rate valid on the date) run once a document's fields parse.
 */
import { z } from 'zod';

import { err, ok, type Result } from '../errors';
import { formatRate, parseRate, parseRupees, parseScaled, type Paise, type Rate } from '../money';
import { isStateCode, parseGstin, type Gstin, type StateCode } from './gstin';
import { isIsoDate, type IsoDate } from './period';
import { isCessRateValid, isRateValidOn } from './rates';
import { DocumentType, isRegisteredCategory, PartyCategory, Treatment } from './tax';
import { UQC_CODES } from './uqc';

/** Quantities keep three decimals, as integer thousandths. */
export const QTY_DECIMALS = 3;

export interface DocumentLine {
  readonly hsn: string;
  readonly description: string;
  readonly uqc: string;
  /** Thousandths of a unit. */
  readonly qty: bigint;
  readonly taxableValue: Paise;
  readonly rate: Rate;
  readonly cessRate: Rate;
  readonly treatment: Treatment;
}

export interface ShippingBill {
  readonly portCode: string;
  readonly number: string;
  readonly date: IsoDate;
}

/** The original invoice a credit or debit note adjusts. */
export interface NoteAgainst {
  readonly number: string;
  readonly date: IsoDate;
  readonly value: Paise;
}

export interface GstDocument {
  readonly type: DocumentType;
  readonly number: string;
  readonly date: IsoDate;
  readonly partyGstin: Gstin | null;
  readonly partyName: string | null;
  readonly partyState: StateCode;
  readonly partyCategory: PartyCategory;
  /** Null when omitted; `classifySupply` decides the default. */
  readonly placeOfSupply: StateCode | null;
  readonly reverseCharge: boolean;
  readonly zeroRatedWithPayment: boolean;
  readonly shippingBill: ShippingBill | null;
  readonly against: NoteAgainst | null;
  readonly ecommerceGstin: Gstin | null;
  /**
   * Whether the e-commerce operator, not the company, pays the tax (CGST Act section 9(5),
   * e.g. restaurant service through a food app). False: the operator only collects TCS.
   */
  readonly ecommerceOperatorPays: boolean;
  readonly selfInvoiceNumber: string | null;
  readonly lines: readonly DocumentLine[];
}

export interface DocumentIssue {
  /** Position in the imported array. */
  readonly index: number;
  readonly number: string | null;
  /** Position in the document's `lines`, when the issue is about a line. */
  readonly line: number | null;
  readonly field: string;
  readonly message: string;
}

type Ctx = z.core.$RefinementCtx<unknown>;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

const amount = z.union([z.string(), z.number()]).transform((input, ctx): Paise => {
  const parsed = parseRupees(input);
  if (!parsed.ok) return fail(ctx, parsed.error.message);
  if (parsed.value < 0n) return fail(ctx, 'must not be negative');
  return parsed.value;
});

const rateField = z.union([z.string(), z.number()]).transform((input, ctx): Rate => {
  const parsed = parseRate(input);
  return parsed.ok ? parsed.value : fail(ctx, parsed.error.message);
});

const qty = z.union([z.string(), z.number()]).transform((input, ctx): bigint => {
  const parsed = parseScaled(input, QTY_DECIMALS);
  if (!parsed.ok) return fail(ctx, parsed.error.message);
  if (parsed.value < 0n) return fail(ctx, 'must not be negative');
  return parsed.value;
});

const date = z
  .string()
  .transform((s, ctx): IsoDate => (isIsoDate(s) ? s : fail(ctx, 'must be a date YYYY-MM-DD')));
const stateCode = z
  .string()
  .transform((s, ctx): StateCode => (isStateCode(s) ? s : fail(ctx, 'must be a state code')));

const gstin = z.string().transform((input, ctx): Gstin => {
  const parsed = parseGstin(input);
  return parsed.ok ? parsed.value.gstin : fail(ctx, parsed.error.message);
});

/** Rule 46(b): up to 16 characters, letters, digits, '-' and '/'. */
const docNumber = z
  .string()
  .regex(/^[A-Za-z0-9/-]{1,16}$/, "must be 1-16 letters, digits, '-' or '/'");

// Limitation: the HSN length the company's turnover requires (4 digits up to 5 crore, 6
// above, per Notification 78/2020-CT) is not enforced; any 4, 6 or 8 digit code passes.
const lineSchema = z.object({
  hsn: z.string().regex(/^(\d{4}|\d{6}|\d{8})$/, 'must be a 4, 6 or 8 digit HSN/SAC code'),
  description: z.string().max(300),
  uqc: z.string().refine((u) => UQC_CODES.has(u), 'must be a GST unit quantity code'),
  qty,
  taxable_value: amount,
  rate: rateField,
  cess_rate: rateField.default(0n as Rate),
  treatment: z.enum(Treatment),
});

const documentSchema = z.object({
  type: z.enum(DocumentType),
  number: docNumber,
  date,
  party_gstin: gstin.nullable(),
  party_name: z.string().trim().min(1).optional(),
  party_state: stateCode,
  reverse_charge: z.boolean(),
  party_category: z.enum(PartyCategory).optional(),
  place_of_supply: stateCode.optional(),
  zero_rated_with_payment: z.boolean().optional(),
  shipping_bill: z
    .object({ port_code: z.string().regex(/^[A-Z0-9]{6}$/), number: z.string().min(1), date })
    .optional(),
  against: z.object({ number: docNumber, date, value: amount }).optional(),
  ecommerce_gstin: gstin.optional(),
  ecommerce_operator_pays: z.boolean().optional(),
  self_invoice_number: docNumber.optional(),
  lines: z.array(lineSchema).min(1, 'must have at least one line'),
});
type RawDocument = z.output<typeof documentSchema>;

/** A GSTIN-holder is regular unless told otherwise; without one, abroad or unregistered. */
function defaultCategory(raw: RawDocument): PartyCategory {
  if (raw.party_gstin !== null) return PartyCategory.Regular;
  return raw.party_state === '96' ? PartyCategory.Overseas : PartyCategory.Unregistered;
}

type AddIssue = (path: PropertyKey[], message: string) => void;

/** The party's GSTIN, name, state and category must agree with each other. */
function checkParty(raw: RawDocument, add: AddIssue): void {
  const category = raw.party_category ?? defaultCategory(raw);
  const registered = isRegisteredCategory(category);
  if (registered && raw.party_gstin === null) {
    add(['party_gstin'], `required for a ${category} party`);
  }
  if (!registered && raw.party_gstin !== null) add(['party_gstin'], `must be null for ${category}`);
  if (raw.party_gstin === null && raw.party_name === undefined) {
    add(['party_name'], 'required when there is no party_gstin');
  }
  if (raw.party_gstin !== null && raw.party_gstin.slice(0, 2) !== raw.party_state) {
    add(['party_state'], `must match the GSTIN's state code ${raw.party_gstin.slice(0, 2)}`);
  }
  if ((category === 'overseas') !== (raw.party_state === '96')) {
    add(['party_state'], 'is 96 (Foreign Country) exactly when the party is overseas');
  }
  // Reverse charge makes the recipient pay, which needs a registered recipient in India;
  // zero-rated supplies never carry it. A purchase may (imported services always do).
  const canPayReverseCharge = ['regular', 'composition', 'uin'].includes(category);
  if (raw.type !== 'purchase' && raw.reverse_charge && !canPayReverseCharge) {
    add(['reverse_charge'], `a ${category} recipient cannot pay tax under reverse charge`);
  }
}

/** Notes, e-commerce fields and each line's rates. */
function checkTerms(raw: RawDocument, add: AddIssue): void {
  if (raw.ecommerce_operator_pays === true && raw.ecommerce_gstin === undefined) {
    add(['ecommerce_gstin'], 'required when the e-commerce operator pays the tax');
  }

  const isNote = raw.type === 'credit_note' || raw.type === 'debit_note';
  if (isNote && raw.against === undefined) add(['against'], 'required for credit and debit notes');
  if (isNote && raw.against !== undefined && raw.against.date > raw.date) {
    add(['against', 'date'], 'the original invoice cannot be dated after the note');
  }

  raw.lines.forEach((l, i) => {
    if (l.treatment === 'taxable' && !isRateValidOn(l.rate, raw.date)) {
      add(['lines', i, 'rate'], `${formatRate(l.rate)}% is not a GST rate on ${raw.date}`);
    }
    if (!isCessRateValid(l.cess_rate)) add(['lines', i, 'cess_rate'], 'must be 0 to 290');
  });
}

function toDocument(raw: RawDocument): GstDocument {
  const sb = raw.shipping_bill;
  return {
    type: raw.type,
    number: raw.number,
    date: raw.date,
    partyGstin: raw.party_gstin,
    partyName: raw.party_name ?? null,
    partyState: raw.party_state,
    partyCategory: raw.party_category ?? defaultCategory(raw),
    placeOfSupply: raw.place_of_supply ?? null,
    reverseCharge: raw.reverse_charge,
    zeroRatedWithPayment: raw.zero_rated_with_payment ?? false,
    shippingBill:
      sb === undefined ? null : { portCode: sb.port_code, number: sb.number, date: sb.date },
    against: raw.against ?? null,
    ecommerceGstin: raw.ecommerce_gstin ?? null,
    ecommerceOperatorPays: raw.ecommerce_operator_pays ?? false,
    selfInvoiceNumber: raw.self_invoice_number ?? null,
    lines: raw.lines.map((l) => ({
      hsn: l.hsn,
      description: l.description,
      uqc: l.uqc,
      qty: l.qty,
      taxableValue: l.taxable_value,
      rate: l.rate,
      cessRate: l.cess_rate,
      treatment: l.treatment,
    })),
  };
}

const importSchema = z.array(
  documentSchema.superRefine((raw, ctx) => {
    const add: AddIssue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
    checkParty(raw, add);
    checkTerms(raw, add);
  }),
);

function toIssue(input: unknown, issue: z.core.$ZodIssue): DocumentIssue {
  const [index, ...rest] = issue.path;
  const docIndex = typeof index === 'number' ? index : -1;
  const line = rest[0] === 'lines' && typeof rest[1] === 'number' ? rest[1] : null;
  const fieldPath = line === null ? rest : rest.slice(2);
  const raw: unknown = Array.isArray(input) ? input[docIndex] : undefined;
  const number =
    typeof raw === 'object' && raw !== null && 'number' in raw && typeof raw.number === 'string'
      ? raw.number
      : null;
  const field = fieldPath.map(String).join('.');
  const where = [
    `document ${docIndex}${number === null ? '' : ` (${number})`}`,
    ...(line === null ? [] : [`line ${line}`]),
    ...(field === '' ? [] : [field]),
  ].join(', ');
  return { index: docIndex, number, line, field, message: `${where}: ${issue.message}` };
}

/**
 * Validates an imported JSON array. Positions in issues and messages are 0-based, as in
 * the array itself.
 */
export function parseDocuments(input: unknown): Result<GstDocument[], DocumentIssue[]> {
  const parsed = importSchema.safeParse(input);
  if (!parsed.success) return err(parsed.error.issues.map((issue) => toIssue(input, issue)));
  return ok(parsed.data.map(toDocument));
}
