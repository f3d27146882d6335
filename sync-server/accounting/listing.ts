import { and, asc, eq, gte, lte } from 'drizzle-orm';

import type { DocumentSummary } from '../../shared/api/accounting';
import { accDocuments, accLedgerGroups, accLedgers } from '../db/tenant/accounting';
import type { Company } from './companies';
import type { Db } from './db';

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

export interface LedgerSummary {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  /** Set on party ledgers: the GSTIN, or null for an unregistered party. */
  readonly partyGstin: string | null;
  readonly system: boolean;
}

/** The company's chart of accounts, system and party ledgers, by group then name. */
export async function listLedgers(db: Db, company: Company): Promise<LedgerSummary[]> {
  const rows = await db
    .select({
      id: accLedgers.id,
      name: accLedgers.name,
      group: accLedgerGroups.name,
      code: accLedgers.code,
      partyGstin: accLedgers.partyGstin,
    })
    .from(accLedgers)
    .innerJoin(accLedgerGroups, eq(accLedgerGroups.id, accLedgers.groupId))
    .where(eq(accLedgers.companyId, company.id))
    .orderBy(asc(accLedgerGroups.name), asc(accLedgers.name));
  return rows.map(({ code, ...r }) => ({ ...r, system: code !== null }));
}
