/**
 * The document importer: a JSON array of invoices, purchases and notes, all or nothing.
 * Fields are checked with shared/gst's schema first; then, inside one transaction, what needs
 * the database (an open year, a number not yet used in its series) and the booking of every
 * document. Only when the whole file is clean are its documents, lines, vouchers and journal
 * lines written, in a few multi-row inserts. Any issue rolls everything back, so a refused
 * import leaves no document, ledger or year behind.
 */
import { and, eq, inArray } from 'drizzle-orm';

import { appError, err, isAppError, ok, type AppError, type Result } from '../../shared/errors';
import { parseDocuments, type GstDocument } from '../../shared/gst/document';
import type { IDGenerator } from '../../shared/ids';
import type { TenantDb } from '../db/connect';
import {
  accDocumentLines,
  accDocuments,
  accJournalLines,
  accVouchers,
} from '../db/tenant/accounting';
import {
  ensureFinancialYear,
  financialYearStart,
  systemLedgers,
  type Company,
  type FinancialYear,
} from './companies';
import { isDuplicateKey, withRetry, type Tx } from './db';
import { documentColumns, lineColumns, partySide } from './documents';
import { ensurePartyLedger } from './parties';
import { bookInvoice, requireOpenYear, type Booking, type PostingContext } from './posting';

export interface ImportResult {
  readonly imported: readonly { readonly type: string; readonly number: string }[];
}

/** Thrown inside the transaction to roll it back; carries every issue found. */
class ImportRefused extends Error {
  constructor(readonly issues: readonly string[]) {
    super('import refused');
  }
}

function where(index: number, doc: GstDocument): string {
  return `document ${index} (${doc.number})`;
}

interface Prepared {
  readonly doc: GstDocument;
  readonly fy: FinancialYear;
  readonly partyLedgerId: string;
  /** Empty for the company's own series; the supplier's ledger for a purchase. */
  readonly seriesKey: string;
  readonly booking: Booking;
}

/** Years and party ledgers, each looked up (and created) once per file. */
class Lookups {
  private readonly years = new Map<string, Promise<FinancialYear>>();
  private readonly open = new Map<string, Promise<AppError | null>>();
  private readonly parties = new Map<string, Promise<string>>();

  constructor(
    private readonly tx: Tx,
    private readonly company: Company,
    private readonly newId: IDGenerator,
  ) {}

  year(doc: GstDocument): Promise<FinancialYear> {
    const start = financialYearStart(doc.date);
    let hit = this.years.get(start);
    if (hit === undefined) {
      hit = ensureFinancialYear(this.tx, this.company.id, doc.date, this.newId);
      this.years.set(start, hit);
    }
    return hit;
  }

  /** P-2 once per year: null when open (and now share-locked), else the refusal. */
  openYear(fy: FinancialYear): Promise<AppError | null> {
    let hit = this.open.get(fy.id);
    if (hit === undefined) {
      hit = requireOpenYear(this.tx, this.company.id, fy.id).then(
        () => null,
        (e: unknown) => {
          if (isAppError(e) && e.code === 'validation') return e;
          throw e;
        },
      );
      this.open.set(fy.id, hit);
    }
    return hit;
  }

  party(doc: GstDocument): Promise<string> {
    const party = {
      gstin: doc.partyGstin,
      name: doc.partyName,
      state: doc.partyState,
      category: doc.partyCategory,
    };
    const side = partySide(doc.type);
    const key = `${side}|${doc.partyGstin ?? doc.partyName ?? ''}`;
    let hit = this.parties.get(key);
    if (hit === undefined) {
      hit = ensurePartyLedger(this.tx, this.company.id, party, side, this.newId);
      this.parties.set(key, hit);
    }
    return hit;
  }
}

const seriesId = (fyId: string, type: string, seriesKey: string, number: string) =>
  [fyId, type, seriesKey, number].join('|');

/** Series keys of numbers this file uses that are already taken, in one query. */
async function takenNumbers(tx: Tx, companyId: string, docs: readonly GstDocument[]) {
  const numbers = [...new Set(docs.map((d) => d.number))];
  const taken = new Set<string>();
  for (let i = 0; i < numbers.length; i += 500) {
    const rows = await tx
      .select({
        fyId: accDocuments.fyId,
        type: accDocuments.type,
        seriesKey: accDocuments.seriesKey,
        number: accDocuments.number,
      })
      .from(accDocuments)
      .where(
        and(
          eq(accDocuments.companyId, companyId),
          inArray(accDocuments.number, numbers.slice(i, i + 500)),
        ),
      );
    for (const r of rows) taken.add(seriesId(r.fyId, r.type, r.seriesKey, r.number ?? ''));
  }
  return taken;
}

/** Checks and books every document; returns them, or throws ImportRefused with every issue. */
async function prepare(
  tx: Tx,
  company: Company,
  docs: readonly GstDocument[],
  ctx: PostingContext,
): Promise<Prepared[]> {
  const lookups = new Lookups(tx, company, ctx.newId);
  const ledgers = await systemLedgers(tx, company.id);
  const taken = await takenNumbers(tx, company.id, docs);
  const seen = new Set<string>();
  const issues: string[] = [];
  const prepared: Prepared[] = [];

  for (const [i, doc] of docs.entries()) {
    const fy = await lookups.year(doc);
    const closed = await lookups.openYear(fy);
    if (closed !== null)
      issues.push(`${where(i, doc)}, date: the financial year from ${fy.startDate} is closed`);

    const partyLedgerId = await lookups.party(doc);
    const seriesKey = doc.type === 'purchase' ? partyLedgerId : '';
    const id = seriesId(fy.id, doc.type, seriesKey, doc.number);
    if (seen.has(id)) issues.push(`${where(i, doc)}, number: appears twice in this file`);
    seen.add(id);
    if (taken.has(id)) {
      const year = `${fy.startDate.slice(0, 4)}-${fy.endDate.slice(2, 4)}`;
      issues.push(
        `${where(i, doc)}, number: ${doc.number} is already used in the ${doc.type} series of ${year}`,
      );
    }

    try {
      const booking = bookInvoice(company, doc, partyLedgerId, ledgers);
      prepared.push({ doc, fy, partyLedgerId, seriesKey, booking });
    } catch (e) {
      if (!isAppError(e) || e.code === 'internal') throw e;
      issues.push(`${where(i, doc)}: ${e.message}`);
    }
  }
  if (issues.length > 0) throw new ImportRefused(issues);
  return prepared;
}

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 200) await insert(rows.slice(i, i + 200));
}

/** Writes the booked documents as posted, with their vouchers (P-5 was checked in booking). */
async function write(tx: Tx, company: Company, prepared: readonly Prepared[], ctx: PostingContext) {
  const documents: (typeof accDocuments.$inferInsert)[] = [];
  const lines: (typeof accDocumentLines.$inferInsert)[] = [];
  const vouchers: (typeof accVouchers.$inferInsert)[] = [];
  const journal: (typeof accJournalLines.$inferInsert)[] = [];

  for (const { doc, fy, partyLedgerId, seriesKey, booking } of prepared) {
    const id = ctx.newId();
    const voucherId = ctx.newId();
    documents.push({
      id,
      companyId: company.id,
      fyId: fy.id,
      type: doc.type,
      seriesKey,
      number: doc.number,
      date: doc.date,
      status: 'posted',
      partyLedgerId,
      ...documentColumns(doc),
      ...booking.supply,
      total: booking.total,
      voucherId,
      postedAt: ctx.now,
    });
    (booking.posted?.lines ?? []).forEach((l, lineNo) =>
      lines.push({ documentId: id, lineNo, ...lineColumns(l), ...l.tax }),
    );
    const narration = `${doc.type.replace('_', ' ')} ${doc.number} ${doc.partyName ?? doc.partyGstin ?? ''}`;
    vouchers.push({
      id: voucherId,
      companyId: company.id,
      fyId: fy.id,
      documentId: id,
      kind: doc.type,
      date: doc.date,
      narration: narration.trim().slice(0, 300),
    });
    for (const e of booking.entries)
      journal.push({ voucherId, companyId: company.id, date: doc.date, ...e });
  }

  await insertChunked(documents, (chunk) => tx.insert(accDocuments).values(chunk));
  await insertChunked(lines, (chunk) => tx.insert(accDocumentLines).values(chunk));
  await insertChunked(vouchers, (chunk) => tx.insert(accVouchers).values(chunk));
  await insertChunked(journal, (chunk) => tx.insert(accJournalLines).values(chunk));
}

/**
 * Imports and posts every document of the file with the numbers it gives, or none.
 *
 * Limitation: the whole file is one transaction, held open while it is booked; a file of
 * tens of thousands of documents keeps its financial years share-locked (closing waits) for
 * that long. Split such files by month. The
 * refusal lists every issue, each naming the document (0-based position and number) and,
 * where it concerns one, the line.
 */
export async function importDocuments(
  db: TenantDb,
  company: Company,
  input: unknown,
  ctx: PostingContext,
): Promise<Result<ImportResult>> {
  if (!Array.isArray(input)) {
    return err(appError('validation', 'the import file must be a JSON array of documents'));
  }
  const parsed = parseDocuments(input);
  if (!parsed.ok) return err(refusal(parsed.error.map((i) => i.message)));
  const docs = parsed.value;

  try {
    return await withRetry(() =>
      db.transaction(async (tx) => {
        await write(tx, company, await prepare(tx, company, docs, ctx), ctx);
        return ok({ imported: docs.map((d) => ({ type: d.type, number: d.number })) });
      }),
    );
  } catch (e) {
    if (e instanceof ImportRefused) return err(refusal(e.issues));
    // Another import or posting took a number between our check and our insert.
    if (isDuplicateKey(e)) return err(refusal(['a document number was used meanwhile; retry']));
    throw e;
  }
}

function refusal(issues: readonly string[]) {
  const shown = issues.slice(0, 20);
  const more =
    issues.length > shown.length ? `\n  ... and ${issues.length - shown.length} more` : '';
  return appError(
    'validation',
    `import refused, nothing was imported:\n  ${shown.join('\n  ')}${more}`,
    { issues: [...issues] },
  );
}
