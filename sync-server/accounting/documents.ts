/**
 * Documents as stored: turning a validated `GstDocument` into rows, and rows back into the
 * shapes shared/gst computes with. A document is written as a draft; posting (posting.ts)
 * numbers it, fills its tax and writes its voucher.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';

import { appError, err, isAppError, ok, type Result } from '../../shared/errors';
import type { DocumentLine, GstDocument } from '../../shared/gst/document';
import { parseDocuments } from '../../shared/gst/document';
import { parseGstin, type Gstin, type StateCode } from '../../shared/gst/gstin';
import { isIsoDate, type IsoDate } from '../../shared/gst/period';
import type { PostedDocument } from '../../shared/gst/posting';
import type { DocumentType, PartyCategory, SupplyType, Treatment } from '../../shared/gst/tax';
import type { IDGenerator } from '../../shared/ids';
import { parseRupees, type Rate } from '../../shared/money';
import { accDocumentLines, accDocuments } from '../db/tenant/accounting';
import type { Company } from './companies';
import { ensureFinancialYear, systemLedgers } from './companies';
import type { TenantDb } from '../db/connect';
import { isDuplicateKey, withRetry, type Db } from './db';
import { ensurePartyLedger, type CrmRef, type PartySide } from './parties';

export type DocumentRow = typeof accDocuments.$inferSelect;
export type LineRow = typeof accDocumentLines.$inferSelect;

export function partySide(type: string): PartySide {
  return type === 'purchase' || type === 'payment' ? 'sundry_creditors' : 'sundry_debtors';
}

export interface InsertOptions {
  /** Null: the server allocates one when it posts the document. */
  readonly number: string | null;
  readonly id?: string;
  readonly idempotencyKey?: string;
  /** The CRM record to link the party's ledger to when it has no link yet. */
  readonly crm?: CrmRef;
  readonly newId: IDGenerator;
}

/**
 * The acc_documents columns copied from the document as parsed; drafts (insertDocument) and
 * imports (import.ts) both write them, so a new GstDocument field is mapped in one place.
 */
export function documentColumns(doc: GstDocument) {
  const sb = doc.shippingBill;
  return {
    partyGstin: doc.partyGstin,
    partyName: doc.partyName,
    partyState: doc.partyState,
    partyCategory: doc.partyCategory,
    placeOfSupply: doc.placeOfSupply,
    reverseCharge: doc.reverseCharge,
    zeroRatedWithPayment: doc.zeroRatedWithPayment,
    shippingPort: sb?.portCode ?? null,
    shippingBillNumber: sb?.number ?? null,
    shippingBillDate: sb?.date ?? null,
    againstNumber: doc.against?.number ?? null,
    againstDate: doc.against?.date ?? null,
    againstValue: doc.against?.value ?? null,
    ecommerceGstin: doc.ecommerceGstin,
    ecommerceOperatorPays: doc.ecommerceOperatorPays,
    selfInvoiceNumber: doc.selfInvoiceNumber,
  };
}

/** The acc_document_lines columns copied from a parsed line (tax columns come from posting). */
export function lineColumns(l: DocumentLine) {
  return {
    hsn: l.hsn,
    description: l.description,
    uqc: l.uqc,
    qty: l.qty,
    taxableValue: l.taxableValue,
    rate: l.rate,
    cessRate: l.cessRate,
    treatment: l.treatment,
  };
}

/** Writes a draft: party ledger and financial year first (both created on first use). */
export async function insertDocument(
  db: Db,
  company: Company,
  doc: GstDocument,
  opts: InsertOptions,
): Promise<DocumentRow> {
  const fy = await ensureFinancialYear(db, company.id, doc.date, opts.newId);
  const party = {
    gstin: doc.partyGstin,
    name: doc.partyName,
    state: doc.partyState,
    category: doc.partyCategory,
  };
  const partyLedgerId = await ensurePartyLedger(
    db,
    company.id,
    party,
    partySide(doc.type),
    opts.newId,
    opts.crm,
  );
  const row = {
    id: opts.id ?? opts.newId(),
    companyId: company.id,
    fyId: fy.id,
    type: doc.type,
    seriesKey: doc.type === 'purchase' ? partyLedgerId : '',
    number: opts.number,
    date: doc.date,
    status: 'draft',
    partyLedgerId,
    ...documentColumns(doc),
    idempotencyKey: opts.idempotencyKey ?? null,
  };
  await db.insert(accDocuments).values(row);
  await db
    .insert(accDocumentLines)
    .values(doc.lines.map((l, i) => ({ documentId: row.id, lineNo: i, ...lineColumns(l) })));
  return (await findDocument(db, company, row.id)) as DocumentRow;
}

export async function findDocument(
  db: Db,
  company: Company,
  id: string,
): Promise<DocumentRow | null> {
  const rows = await db
    .select()
    .from(accDocuments)
    .where(and(eq(accDocuments.id, id), eq(accDocuments.companyId, company.id)));
  return rows[0] ?? null;
}

/** Lines of the company's documents, in line order; reached only through the company. */
export async function documentLines(
  db: Db,
  company: Company,
  documentIds: readonly string[],
): Promise<LineRow[]> {
  const out: LineRow[] = [];
  for (let i = 0; i < documentIds.length; i += 1000) {
    const rows = await db
      .select({ line: accDocumentLines })
      .from(accDocumentLines)
      .innerJoin(accDocuments, eq(accDocuments.id, accDocumentLines.documentId))
      .where(
        and(
          eq(accDocuments.companyId, company.id),
          inArray(accDocumentLines.documentId, documentIds.slice(i, i + 1000)),
        ),
      )
      .orderBy(asc(accDocumentLines.documentId), asc(accDocumentLines.lineNo));
    out.push(...rows.map((r) => r.line));
  }
  return out;
}

/** The stored document in shared/gst's shape; `number` is empty on an unnumbered draft. */
export function toGstDocument(row: DocumentRow, lines: readonly LineRow[]): GstDocument {
  return {
    type: row.type as DocumentType,
    number: row.number ?? '',
    date: row.date as IsoDate,
    partyGstin: row.partyGstin as Gstin | null,
    partyName: row.partyName,
    partyState: row.partyState as StateCode,
    partyCategory: row.partyCategory as PartyCategory,
    placeOfSupply: row.placeOfSupply as StateCode | null,
    reverseCharge: row.reverseCharge,
    zeroRatedWithPayment: row.zeroRatedWithPayment,
    shippingBill:
      row.shippingPort === null
        ? null
        : {
            portCode: row.shippingPort,
            number: row.shippingBillNumber ?? '',
            date: (row.shippingBillDate ?? row.date) as IsoDate,
          },
    against:
      row.againstNumber === null
        ? null
        : {
            number: row.againstNumber,
            date: (row.againstDate ?? row.date) as IsoDate,
            value: row.againstValue ?? 0n,
          },
    ecommerceGstin: row.ecommerceGstin as Gstin | null,
    ecommerceOperatorPays: row.ecommerceOperatorPays,
    selfInvoiceNumber: row.selfInvoiceNumber,
    lines: lines.map((l) => ({
      hsn: l.hsn,
      description: l.description,
      uqc: l.uqc,
      qty: l.qty,
      taxableValue: l.taxableValue,
      rate: l.rate as Rate,
      cessRate: l.cessRate as Rate,
      treatment: l.treatment as Treatment,
    })),
  };
}

/** A posted document with the supply class and tax that were booked, for the returns. */
export function toPostedDocument(row: DocumentRow, lines: readonly LineRow[]): PostedDocument {
  const doc = toGstDocument(row, lines);
  return {
    ...doc,
    supply: {
      placeOfSupply: (row.resolvedPlaceOfSupply ?? row.partyState) as StateCode,
      supplyType: (row.supplyType ?? 'intra') as SupplyType,
      zeroRated: row.zeroRated ?? false,
    },
    lines: doc.lines.map((l, i) => {
      const stored = lines[i];
      const tax = {
        igst: stored?.igst ?? 0n,
        cgst: stored?.cgst ?? 0n,
        sgst: stored?.sgst ?? 0n,
        cess: stored?.cess ?? 0n,
      };
      return { ...l, tax };
    }),
  };
}

/** A placeholder that satisfies the import schema's number rule for an unnumbered draft. */
const DRAFT_NUMBER = 'DRAFT';

/**
 * Validates a draft invoice or note in the import shape (snake_case, one document), with
 * `number` optional: the server numbers it when it posts it.
 */
export function parseDraft(input: unknown): Result<{ doc: GstDocument; number: string | null }> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err(appError('validation', 'the body must be one document object'));
  }
  const given = (input as Record<string, unknown>).number;
  const number = typeof given === 'string' && given !== '' ? given : null;
  const parsed = parseDocuments([{ ...input, number: number ?? DRAFT_NUMBER }]);
  if (!parsed.ok) {
    const issues = parsed.error.map((i) => i.message.replace(/^document 0 \([^)]*\)(, )?/, ''));
    return err(appError('validation', `invalid document: ${issues.join('; ')}`, { issues }));
  }
  const doc = parsed.value[0];
  if (doc === undefined) return err(appError('validation', 'no document'));
  return ok({ doc, number });
}

export interface SettlementInput {
  readonly type: 'receipt' | 'payment';
  readonly date: string;
  readonly partyGstin: string | null;
  readonly partyName: string | null;
  readonly partyState: string | null;
  readonly amount: string | number;
  readonly via: 'bank' | 'cash';
}

/** A receipt from a customer or payment to a supplier, as a draft to be posted; idempotent on `id`. */
export async function insertSettlement(
  db: Db,
  company: Company,
  input: SettlementInput,
  opts: InsertOptions,
): Promise<Result<DocumentRow>> {
  if (opts.id !== undefined) {
    const existing = await findDocument(db, company, opts.id);
    if (existing !== null) return ok(existing);
  }
  if (!isIsoDate(input.date)) return err(appError('validation', 'date must be YYYY-MM-DD'));
  const amount = parseRupees(input.amount);
  if (!amount.ok || amount.value <= 0n) {
    return err(appError('validation', 'amount must be a positive rupee amount'));
  }
  const gstin = input.partyGstin === null ? null : parseGstin(input.partyGstin);
  if (gstin !== null && !gstin.ok) return err(appError('validation', gstin.error.message));
  const state = gstin?.value.stateCode ?? input.partyState;
  if (state === null) return err(appError('validation', 'party_state is required without a GSTIN'));

  const date = input.date;
  const fy = await ensureFinancialYear(db, company.id, date, opts.newId);
  const party = {
    gstin: gstin?.value.gstin ?? null,
    name: input.partyName,
    state,
    category: gstin === null ? 'unregistered' : 'regular',
  };
  const partyLedgerId = await ensurePartyLedger(
    db,
    company.id,
    party,
    partySide(input.type),
    opts.newId,
  );
  const ledgers = await systemLedgers(db, company.id);
  const id = opts.id ?? opts.newId();
  await db.insert(accDocuments).values({
    id,
    companyId: company.id,
    fyId: fy.id,
    type: input.type,
    number: opts.number,
    date,
    status: 'draft',
    partyLedgerId,
    partyGstin: party.gstin,
    partyName: party.name,
    partyState: state,
    partyCategory: party.category,
    counterLedgerId: ledgers[input.via],
    amount: amount.value,
    idempotencyKey: opts.idempotencyKey ?? null,
  });
  return ok((await findDocument(db, company, id)) as DocumentRow);
}

/** `crm_contact_id` or `crm_company_id` on a draft: the CRM record the party is. */
function crmRefOf(input: unknown): Result<CrmRef | null> {
  const body = input as Record<string, unknown>;
  const contact = body.crm_contact_id;
  const company = body.crm_company_id;
  if (contact !== undefined && company !== undefined) {
    return err(appError('validation', 'give crm_contact_id or crm_company_id, not both'));
  }
  const id = contact ?? company;
  if (id === undefined || id === null) return ok(null);
  if (typeof id !== 'string' || !/^[0-9A-Za-z_-]{1,40}$/.test(id)) {
    return err(appError('validation', 'a CRM id is 1-40 letters, digits, _ or -'));
  }
  return ok({ kind: contact !== undefined ? 'contact' : 'company', id });
}

export interface DraftOptions {
  /** A client-made id (drafts can be prepared offline): creating it again returns it. */
  readonly id?: string;
  readonly newId: IDGenerator;
}

/** Validates and stores a draft invoice or note; idempotent on a client-given id. */
export async function createDraft(
  db: TenantDb,
  company: Company,
  input: unknown,
  opts: DraftOptions,
): Promise<Result<DocumentRow>> {
  if (opts.id !== undefined) {
    const existing = await findDocument(db, company, opts.id);
    if (existing !== null) return ok(existing);
  }
  const parsed = parseDraft(input);
  if (!parsed.ok) return parsed;
  const { doc, number } = parsed.value;
  const crm = crmRefOf(input);
  if (!crm.ok) return crm;
  try {
    const row = await withRetry(() =>
      db.transaction((tx) =>
        insertDocument(tx, company, doc, {
          number,
          newId: opts.newId,
          ...(opts.id === undefined ? {} : { id: opts.id }),
          ...(crm.value === null ? {} : { crm: crm.value }),
        }),
      ),
    );
    return ok(row);
  } catch (e) {
    if (isAppError(e) && e.code !== 'internal') return err(e);
    if (!isDuplicateKey(e)) throw e;
    const again = opts.id === undefined ? null : await findDocument(db, company, opts.id);
    if (again !== null) return ok(again);
    return err(
      appError('conflict', `${doc.type} number ${number ?? ''} is already used in its series`),
    );
  }
}
