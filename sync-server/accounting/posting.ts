/**
 * Posting: a draft becomes a numbered document with its tax fixed and a balanced voucher,
 * all in one transaction. Rules, in order:
 *  P-1 The document row is locked first (FOR UPDATE); a posted one is returned as it is, so
 *      posting twice posts once.
 *  P-2 Its financial year is read under a shared lock and must be open, so closing a year
 *      waits for postings in flight and none lands after.
 *  P-3 Rates are checked against the dated table on the document's date.
 *  P-4 A number, if the document has none, comes from the series row locked FOR UPDATE, so
 *      concurrent postings get distinct consecutive numbers.
 *  P-5 Debits equal credits before anything is written; a voucher that doesn't is a bug
 *      and throws.
 * A posted document is never edited: it is corrected by a note or reversed (P-6).
 */
import { and, asc, eq, sql } from 'drizzle-orm';

import { appError, err, isAppError, ok, type Result } from '../../shared/errors';
import {
  documentValue,
  postDocument as computePosting,
  type PostedDocument,
} from '../../shared/gst/posting';
import { isCessRateValid, isRateValidOn } from '../../shared/gst/rates';
import type { GstDocument } from '../../shared/gst/document';
import { isIsoDate } from '../../shared/gst/period';
import type { IDGenerator } from '../../shared/ids';
import { formatRate } from '../../shared/money';
import {
  accDocumentLines,
  accDocuments,
  accJournalLines,
  accNumberSeries,
  accVouchers,
} from '../db/tenant/accounting';
import type { TenantDb } from '../db/connect';
import { financialYearStart, systemLedgers, type Company, type FinancialYear } from './companies';
import type { SystemLedgers } from './chart';
import { withRetry, type Tx } from './db';
import { documentLines, toGstDocument, type DocumentRow } from './documents';
import {
  assertBalanced,
  documentEntries,
  reversedEntries,
  settlementEntries,
  type JournalEntry,
} from './journal';

export interface PostingContext {
  readonly now: Date;
  readonly newId: IDGenerator;
}

export interface PostResult {
  readonly documentId: string;
  readonly number: string;
  readonly voucherId: string;
  /** True when the document had been posted before: nothing was written this time. */
  readonly alreadyPosted: boolean;
}

async function lockDocument(tx: Tx, company: Company, id: string): Promise<DocumentRow> {
  const rows = await tx
    .select()
    .from(accDocuments)
    .where(and(eq(accDocuments.id, id), eq(accDocuments.companyId, company.id)))
    .for('update');
  const row = rows[0];
  if (row === undefined)
    throw appError('not_found', `no document ${id} in company ${company.gstin}`);
  return row;
}

/** P-2: the year must be open; the shared lock holds it open until this transaction ends. */
export async function requireOpenYear(
  tx: Tx,
  companyId: string,
  fyId: string,
): Promise<FinancialYear> {
  // MariaDB has no FOR SHARE (drizzle's 'share' lock); LOCK IN SHARE MODE is its spelling.
  // A locking read sees the latest committed row, not the transaction's snapshot.
  const [result] = await tx.execute(
    sql`SELECT id, company_id AS companyId, DATE_FORMAT(start_date, '%Y-%m-%d') AS startDate,
      DATE_FORMAT(end_date, '%Y-%m-%d') AS endDate, closed_at AS closedAt
      FROM acc_financial_years WHERE id = ${fyId} AND company_id = ${companyId}
      LOCK IN SHARE MODE`,
  );
  const fy = (result as unknown as FinancialYear[])[0];
  if (fy === undefined) throw appError('internal', `financial year ${fyId} is missing`);
  if (fy.closedAt !== null) {
    throw appError('validation', `financial year ${fy.startDate} to ${fy.endDate} is closed`);
  }
  return fy;
}

/** P-3. The importer checks this too; drafts may have waited across a rate change. */
function checkRates(doc: GstDocument): void {
  doc.lines.forEach((l, i) => {
    if (l.treatment === 'taxable' && !isRateValidOn(l.rate, doc.date)) {
      throw appError(
        'validation',
        `line ${i}: ${formatRate(l.rate)}% is not a GST rate on ${doc.date}`,
      );
    }
    if (!isCessRateValid(l.cessRate))
      throw appError('validation', `line ${i}: cess rate out of range`);
  });
}

/** P-4: the next free number in the series; numbers already taken by imports are skipped. */
async function allocateNumber(tx: Tx, doc: DocumentRow): Promise<string> {
  const where = and(
    eq(accNumberSeries.companyId, doc.companyId),
    eq(accNumberSeries.fyId, doc.fyId),
    eq(accNumberSeries.type, doc.type),
  );
  const series = (await tx.select().from(accNumberSeries).where(where).for('update'))[0];
  if (series === undefined) throw appError('internal', `no ${doc.type} series for ${doc.fyId}`);

  for (let next = series.nextNumber; ; next += 1) {
    const number = `${series.prefix}${String(next).padStart(4, '0')}`;
    const taken = await tx
      .select({ id: accDocuments.id })
      .from(accDocuments)
      .where(
        and(
          eq(accDocuments.companyId, doc.companyId),
          eq(accDocuments.fyId, doc.fyId),
          eq(accDocuments.type, doc.type),
          eq(accDocuments.seriesKey, doc.seriesKey),
          eq(accDocuments.number, number),
        ),
      );
    if (taken.length === 0) {
      await tx
        .update(accNumberSeries)
        .set({ nextNumber: next + 1 })
        .where(where);
      return number;
    }
  }
}

async function writeVoucher(
  tx: Tx,
  doc: DocumentRow,
  kind: string,
  date: string,
  narration: string,
  entries: readonly JournalEntry[],
  ctx: PostingContext,
): Promise<string> {
  assertBalanced(entries);
  const voucherId = ctx.newId();
  await tx.insert(accVouchers).values({
    id: voucherId,
    companyId: doc.companyId,
    fyId: doc.fyId,
    documentId: doc.id,
    kind,
    date,
    narration: narration.slice(0, 300),
  });
  await tx
    .insert(accJournalLines)
    .values(entries.map((e) => ({ voucherId, companyId: doc.companyId, date, ...e })));
  return voucherId;
}

export interface Booking {
  readonly posted: PostedDocument | null;
  readonly entries: JournalEntry[];
  readonly total: bigint;
  readonly supply: { supplyType: string; resolvedPlaceOfSupply: string; zeroRated: boolean } | null;
}

/**
 * P-3 and the tax: an invoice or note classified, taxed line by line and turned into journal
 * entries. Pure, so the importer books a whole file before writing any of it.
 */
export function bookInvoice(
  company: Company,
  gst: GstDocument,
  partyLedgerId: string,
  ledgers: SystemLedgers,
): Booking {
  checkRates(gst);
  const posted = computePosting(gst, company.stateCode);
  const total = documentValue(posted);
  if (total === 0n) throw appError('validation', 'the document has no value to post');
  const entries = documentEntries(posted, partyLedgerId, ledgers);
  assertBalanced(entries);
  const supply = {
    supplyType: posted.supply.supplyType,
    resolvedPlaceOfSupply: posted.supply.placeOfSupply,
    zeroRated: posted.supply.zeroRated,
  };
  return { posted, entries, total, supply };
}

/** Books a stored draft; fills each line's tax columns for an invoice or note. */
async function book(tx: Tx, company: Company, doc: DocumentRow): Promise<Booking> {
  const ledgers = await systemLedgers(tx, company.id);
  if (doc.type === 'receipt' || doc.type === 'payment') {
    const amount = doc.amount ?? 0n;
    const counter = doc.counterLedgerId ?? ledgers.bank;
    const entries = settlementEntries(doc.type, amount, doc.partyLedgerId, counter);
    return { posted: null, entries, total: amount, supply: null };
  }

  const gst = toGstDocument(doc, await documentLines(tx, company, [doc.id]));
  const booking = bookInvoice(company, gst, doc.partyLedgerId, ledgers);
  for (const [lineNo, line] of (booking.posted?.lines ?? []).entries()) {
    await tx
      .update(accDocumentLines)
      .set(line.tax)
      .where(and(eq(accDocumentLines.documentId, doc.id), eq(accDocumentLines.lineNo, lineNo)));
  }
  return booking;
}

/** Posts a draft inside the caller's transaction. */
export async function postInTx(
  tx: Tx,
  company: Company,
  documentId: string,
  ctx: PostingContext,
): Promise<PostResult> {
  const doc = await lockDocument(tx, company, documentId);
  if (doc.status !== 'draft') {
    return {
      documentId,
      number: doc.number ?? '',
      voucherId: doc.voucherId ?? '',
      alreadyPosted: true,
    };
  }
  await requireOpenYear(tx, company.id, doc.fyId);

  const booking = await book(tx, company, doc);
  const number = doc.number ?? (await allocateNumber(tx, doc));
  const narration = `${doc.type.replace('_', ' ')} ${number} ${doc.partyName ?? doc.partyGstin ?? ''}`;
  const voucherId = await writeVoucher(
    tx,
    doc,
    doc.type,
    doc.date,
    narration.trim(),
    booking.entries,
    ctx,
  );
  await tx
    .update(accDocuments)
    .set({
      status: 'posted',
      number,
      voucherId,
      total: booking.total,
      postedAt: ctx.now,
      ...(booking.supply ?? {}),
    })
    .where(and(eq(accDocuments.id, doc.id), eq(accDocuments.companyId, company.id)));
  return { documentId, number, voucherId, alreadyPosted: false };
}

/** Expected failures come back as values; a broken invariant still throws. */
async function asResult<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run());
  } catch (e) {
    if (isAppError(e) && e.code !== 'internal') return err(e);
    throw e;
  }
}

/** Posts a draft of `company` (P-1 to P-5), in its own transaction. */
export function postDocument(
  db: TenantDb,
  company: Company,
  documentId: string,
  ctx: PostingContext,
): Promise<Result<PostResult>> {
  return asResult(() =>
    withRetry(() => db.transaction((tx) => postInTx(tx, company, documentId, ctx))),
  );
}

export interface ReverseResult {
  readonly documentId: string;
  readonly reversalVoucherId: string;
  readonly alreadyReversed: boolean;
}

/**
 * P-6: cancels a posted document with a voucher that swaps every debit and credit of the
 * original, dated `date` (default: the document's own date) in an open year. The original
 * stays as it was, marked reversed, and drops out of the GST returns.
 *
 * Limitation: a document in a period already filed should be corrected by a credit or debit
 * note instead; reversing it changes that period's return, and nothing here prevents that.
 */
export function reverseDocument(
  db: TenantDb,
  company: Company,
  documentId: string,
  ctx: PostingContext & { readonly date?: string },
): Promise<Result<ReverseResult>> {
  return asResult(() =>
    withRetry(() =>
      db.transaction(async (tx) => {
        const doc = await lockDocument(tx, company, documentId);
        if (doc.status === 'reversed') {
          return { documentId, reversalVoucherId: doc.reversedBy ?? '', alreadyReversed: true };
        }
        if (doc.status !== 'posted' || doc.voucherId === null) {
          throw appError('validation', 'only a posted document can be reversed');
        }
        const date = ctx.date ?? doc.date;
        if (date < doc.date) throw appError('validation', 'a reversal cannot predate its document');
        const fy = await requireOpenYear(tx, company.id, doc.fyId);
        if (!isIsoDate(date) || financialYearStart(date) !== fy.startDate) {
          throw appError(
            'validation',
            "reverse within the document's financial year; use a note later",
          );
        }
        const original = await tx
          .select()
          .from(accJournalLines)
          .where(
            and(
              eq(accJournalLines.voucherId, doc.voucherId),
              eq(accJournalLines.companyId, company.id),
            ),
          )
          .orderBy(asc(accJournalLines.id));
        const entries = reversedEntries(original);
        const narration = `reversal of ${doc.type.replace('_', ' ')} ${doc.number ?? ''}`;
        const voucherId = await writeVoucher(tx, doc, 'reversal', date, narration, entries, ctx);
        await tx
          .update(accDocuments)
          .set({ status: 'reversed', reversedBy: voucherId })
          .where(and(eq(accDocuments.id, doc.id), eq(accDocuments.companyId, company.id)));
        return { documentId, reversalVoucherId: voucherId, alreadyReversed: false };
      }),
    ),
  );
}
