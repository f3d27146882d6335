/**
 * GST returns from the books: the period's posted documents of one company, rebuilt with the
 * tax that was booked on them, fed to shared/gst's return builders.
 */
import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';

import { appError, err, ok, type Result } from '../../shared/errors';
import type { Gstin } from '../../shared/gst/gstin';
import { parseReturnPeriod } from '../../shared/gst/period';
import { buildGstReturns, type GstReturns } from '../../shared/gst/returns';
import { toCsvSections } from '../../shared/gst/returns-csv';
import type { PostedDocument } from '../../shared/gst/posting';
import { accDocuments } from '../db/tenant/accounting';
import type { Company } from './companies';
import type { Db } from './db';
import { documentLines, toPostedDocument } from './documents';

const GST_TYPES = ['sale', 'purchase', 'credit_note', 'debit_note'];

/**
 * Posted invoices and notes dated in [first, last]. Reversed documents are left out: a
 * reversal cancels the document, and returns report what stands.
 */
export async function postedDocuments(
  db: Db,
  company: Company,
  first: string,
  last: string,
): Promise<PostedDocument[]> {
  const rows = await db
    .select()
    .from(accDocuments)
    .where(
      and(
        eq(accDocuments.companyId, company.id),
        eq(accDocuments.status, 'posted'),
        inArray(accDocuments.type, GST_TYPES),
        gte(accDocuments.date, first),
        lte(accDocuments.date, last),
      ),
    )
    .orderBy(asc(accDocuments.date), asc(accDocuments.number));
  const lines = await documentLines(
    db,
    company,
    rows.map((r) => r.id),
  );
  const byDoc = new Map<string, typeof lines>();
  for (const l of lines) byDoc.set(l.documentId, [...(byDoc.get(l.documentId) ?? []), l]);
  return rows.map((r) => toPostedDocument(r, byDoc.get(r.id) ?? []));
}

/** Both returns of the period `fp` (MMYYYY; a quarterly filer names the quarter's last month). */
export async function gstReturns(
  db: Db,
  company: Company,
  fp: string,
): Promise<Result<GstReturns>> {
  const period = parseReturnPeriod(fp, company.filingFrequency);
  if (!period.ok) return err(appError('validation', period.error.message));
  const documents = await postedDocuments(db, company, period.value.first, period.value.last);
  const built = buildGstReturns({
    fp,
    company: {
      gstin: company.gstin as Gstin,
      state: company.stateCode,
      filingFrequency: company.filingFrequency,
    },
    documents,
  });
  if (!built.ok) return err(appError('validation', built.error.message));
  return ok(built.value);
}

export type ReturnKind = 'gstr1' | 'gstr3b';
export type ReturnFormat = 'json' | 'csv';

/**
 * One return as text. CSV holds that return's tables only (GSTR-1 sections or GSTR-3B
 * tables), each under a `# section` line.
 */
export function renderReturn(returns: GstReturns, kind: ReturnKind, format: ReturnFormat): string {
  if (format === 'json') {
    return JSON.stringify(kind === 'gstr1' ? returns.gstr1 : returns.gstr3b, null, 2);
  }
  return Object.entries(toCsvSections(returns))
    .filter(([section]) => section.startsWith('gstr3b_') === (kind === 'gstr3b'))
    .map(([section, csv]) => `# ${section}\r\n${csv}`)
    .join('\r\n');
}
