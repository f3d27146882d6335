import { and, asc, eq, gte, lte } from 'drizzle-orm';

import { accDocuments } from '../db/tenant/accounting';
import type { Company } from './companies';
import type { Db } from './db';

export interface DocumentSummary {
  readonly id: string;
  readonly type: string;
  readonly number: string | null;
  readonly date: string;
  readonly status: string;
  readonly party: string;
  readonly total: bigint | null;
}

/** The company's documents dated in [from, to], drafts included, for the invoice list. */
export async function listDocuments(
  db: Db,
  company: Company,
  range: { readonly from: string; readonly to: string },
): Promise<DocumentSummary[]> {
  const rows = await db
    .select({
      id: accDocuments.id,
      type: accDocuments.type,
      number: accDocuments.number,
      date: accDocuments.date,
      status: accDocuments.status,
      partyName: accDocuments.partyName,
      partyGstin: accDocuments.partyGstin,
      total: accDocuments.total,
    })
    .from(accDocuments)
    .where(
      and(
        eq(accDocuments.companyId, company.id),
        gte(accDocuments.date, range.from),
        lte(accDocuments.date, range.to),
      ),
    )
    .orderBy(asc(accDocuments.date), asc(accDocuments.createdAt))
    .limit(1000);
  return rows.map(({ partyName, partyGstin, ...r }) => ({
    ...r,
    party: partyName ?? partyGstin ?? '',
  }));
}
