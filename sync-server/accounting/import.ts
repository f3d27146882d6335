/**
 * The document importer: a JSON array of invoices, purchases and notes, all or nothing.
 * Fields are checked with shared/gst's schema first; then, inside one transaction, the checks
 * that need the database (closed year, number already used in its series). Any issue rolls
 * the whole file back, so a refused import leaves no document, ledger or year behind.
 */
import { and, eq } from 'drizzle-orm';

import { appError, err, isAppError, ok, type Result } from '../../shared/errors';
import { parseDocuments, type GstDocument } from '../../shared/gst/document';
import { accDocuments, accLedgers } from '../db/tenant/accounting';
import type { TenantDb } from '../db/connect';
import { ensureFinancialYear, type Company } from './companies';
import { isDuplicateKey, withRetry, type Tx } from './db';
import { insertDocument } from './documents';
import { partyKey } from './parties';
import { postInTx, type PostingContext } from './posting';

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

/** Issues that need the database, or that span documents of the file. */
async function databaseIssues(
  tx: Tx,
  company: Company,
  docs: readonly GstDocument[],
  ctx: PostingContext,
) {
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const [i, doc] of docs.entries()) {
    const fy = await ensureFinancialYear(tx, company.id, doc.date, ctx.newId);
    if (fy.closedAt !== null) {
      issues.push(`${where(i, doc)}, date: the financial year from ${fy.startDate} is closed`);
    }
    const series =
      doc.type === 'purchase'
        ? partyKey({
            gstin: doc.partyGstin,
            name: doc.partyName,
            state: doc.partyState,
            category: doc.partyCategory,
          })
        : '';
    const key = [fy.id, doc.type, series, doc.number].join('|');
    if (seen.has(key)) issues.push(`${where(i, doc)}, number: appears twice in this file`);
    seen.add(key);
    const clash = await numberTaken(tx, company.id, fy.id, doc, series);
    if (clash) {
      issues.push(
        `${where(i, doc)}, number: ${doc.number} is already used in the ${doc.type} series of ${fy.startDate.slice(0, 4)}-${fy.endDate.slice(2, 4)}`,
      );
    }
  }
  return issues;
}

/** Whether the number is used in its series; a purchase's series is its supplier's. */
async function numberTaken(
  tx: Tx,
  companyId: string,
  fyId: string,
  doc: GstDocument,
  supplierKey: string,
): Promise<boolean> {
  const rows = await tx
    .select({ id: accDocuments.id })
    .from(accDocuments)
    .innerJoin(accLedgers, eq(accLedgers.id, accDocuments.partyLedgerId))
    .where(
      and(
        eq(accDocuments.companyId, companyId),
        eq(accDocuments.fyId, fyId),
        eq(accDocuments.type, doc.type),
        eq(accDocuments.number, doc.number),
        ...(doc.type === 'purchase' ? [eq(accLedgers.partyKey, supplierKey)] : []),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * Imports and posts every document of the file with the numbers it gives, or none. The
 * refusal lists every issue, each naming the document (0-based position and number) and,
 * where it concerns one, the line.
 */
export async function importDocuments(
  db: TenantDb,
  company: Company,
  input: unknown,
  ctx: PostingContext,
): Promise<Result<ImportResult>> {
  if (!Array.isArray(input))
    return err(appError('validation', 'the import file must be a JSON array of documents'));
  const parsed = parseDocuments(input);
  if (!parsed.ok) return err(refusal(parsed.error.map((i) => i.message)));
  const docs = parsed.value;

  try {
    return await withRetry(() =>
      db.transaction(async (tx) => {
        const issues = await databaseIssues(tx, company, docs, ctx);
        if (issues.length > 0) throw new ImportRefused(issues);
        for (const [i, doc] of docs.entries()) {
          const row = await insertDocument(tx, company, doc, {
            number: doc.number,
            newId: ctx.newId,
          });
          try {
            await postInTx(tx, company, row.id, ctx);
          } catch (e) {
            if (isAppError(e) && e.code !== 'internal')
              throw new ImportRefused([`${where(i, doc)}: ${e.message}`]);
            throw e;
          }
        }
        return ok({ imported: docs.map((d) => ({ type: d.type, number: d.number })) });
      }),
    );
  } catch (e) {
    if (e instanceof ImportRefused) return err(refusal(e.issues));
    if (isDuplicateKey(e)) return err(refusal(['a document number is already used in its series']));
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
    {
      issues: [...issues],
    },
  );
}
