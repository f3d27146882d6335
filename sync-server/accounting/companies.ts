/**
 * Companies (the tenant's own GST registrations), their charts of accounts and financial
 * years. Every accounting call starts by resolving a company: naming none, or one this
 * tenant's database doesn't hold, fails loudly (CompanyRequired).
 */
import { and, eq, sql } from 'drizzle-orm';

import { appError, err, ok, type Result } from '../../shared/errors';
import { parseGstin, type StateCode } from '../../shared/gst/gstin';
import type { FilingFrequency, IsoDate } from '../../shared/gst/period';
import type { IDGenerator } from '../../shared/ids';
import {
  accCompanies,
  accFinancialYears,
  accLedgerGroups,
  accLedgers,
  accNumberSeries,
} from '../db/tenant/accounting';
import { GROUPS, SYSTEM_LEDGERS, type SystemLedgerCode, type SystemLedgers } from './chart';
import { isDuplicateKey, type Db } from './db';

export interface Company {
  readonly id: string;
  readonly legalName: string;
  readonly gstin: string;
  readonly stateCode: StateCode;
  readonly filingFrequency: FilingFrequency;
}

export interface CreateCompanyInput {
  readonly legalName: string;
  readonly gstin: string;
  readonly stateCode: string;
  readonly filingFrequency?: string;
}

function toCompany(row: typeof accCompanies.$inferSelect): Company {
  return {
    id: row.id,
    legalName: row.legalName,
    gstin: row.gstin,
    stateCode: row.stateCode as StateCode,
    filingFrequency: row.filingFrequency as FilingFrequency,
  };
}

function validateCompany(input: CreateCompanyInput): Result<Omit<Company, 'id'>> {
  const legalName = input.legalName.trim();
  if (legalName === '' || legalName.length > 200) {
    return err(appError('validation', 'name must be 1-200 characters'));
  }
  const gstin = parseGstin(input.gstin);
  if (!gstin.ok) return err(appError('validation', `GSTIN ${input.gstin}: ${gstin.error.message}`));
  if (gstin.value.kind !== 'regular') {
    return err(appError('validation', 'a company needs a regular GSTIN, not a UIN'));
  }
  if (input.stateCode !== gstin.value.stateCode) {
    return err(
      appError('validation', `state ${input.stateCode} does not match the GSTIN's state code`),
    );
  }
  const frequency = input.filingFrequency ?? 'monthly';
  if (frequency !== 'monthly' && frequency !== 'quarterly') {
    return err(appError('validation', 'filing frequency is monthly or quarterly'));
  }
  return ok({
    legalName,
    gstin: gstin.value.gstin,
    stateCode: gstin.value.stateCode,
    filingFrequency: frequency,
  });
}

/** Creates a company with its seeded chart of accounts, in one transaction. */
export async function createCompany(
  db: Db,
  input: CreateCompanyInput,
  newId: IDGenerator,
): Promise<Result<Company>> {
  const valid = validateCompany(input);
  if (!valid.ok) return valid;
  const company: Company = { id: newId(), ...valid.value };

  try {
    await db.transaction(async (tx) => {
      await tx.insert(accCompanies).values(company);
      const groupIds = new Map<string, string>();
      for (const g of GROUPS) {
        const id = newId();
        groupIds.set(g.code, id);
        await tx.insert(accLedgerGroups).values({ id, companyId: company.id, ...g });
      }
      await tx.insert(accLedgers).values(
        SYSTEM_LEDGERS.map((l) => ({
          id: newId(),
          companyId: company.id,
          groupId: groupIds.get(l.group) ?? '',
          code: l.code,
          name: l.name,
        })),
      );
    });
  } catch (e) {
    if (isDuplicateKey(e)) {
      return err(appError('conflict', `a company with GSTIN ${company.gstin} already exists`));
    }
    throw e;
  }
  return ok(company);
}

export async function listCompanies(db: Db): Promise<Company[]> {
  const rows = await db.select().from(accCompanies).orderBy(accCompanies.legalName);
  return rows.map(toCompany);
}

/**
 * The company a request or command names, by GSTIN or id. The tenant's database holds only
 * its own companies, so another tenant's GSTIN is simply not found here.
 */
export async function resolveCompany(
  db: Db,
  ref: string | undefined | null,
): Promise<Result<Company>> {
  const value = ref?.trim().toUpperCase() ?? '';
  if (value === '') return err(appError('validation', 'name a company (its GSTIN or id)'));
  const column = value.length === 15 ? accCompanies.gstin : accCompanies.id;
  const rows = await db.select().from(accCompanies).where(eq(column, value));
  const row = rows[0];
  if (row === undefined) return err(appError('not_found', `no company ${value} in this workspace`));
  return ok(toCompany(row));
}

export async function systemLedgers(db: Db, companyId: string): Promise<SystemLedgers> {
  const rows = await db
    .select({ id: accLedgers.id, code: accLedgers.code })
    .from(accLedgers)
    .where(and(eq(accLedgers.companyId, companyId), sql`${accLedgers.code} IS NOT NULL`));
  const byCode = new Map(rows.map((r) => [r.code, r.id]));
  const out: Partial<Record<SystemLedgerCode, string>> = {};
  for (const l of SYSTEM_LEDGERS) {
    const id = byCode.get(l.code);
    if (id === undefined) throw appError('internal', `company ${companyId} lacks ledger ${l.code}`);
    out[l.code] = id;
  }
  return out as SystemLedgers;
}

export async function groupId(db: Db, companyId: string, code: string): Promise<string> {
  const rows = await db
    .select({ id: accLedgerGroups.id })
    .from(accLedgerGroups)
    .where(and(eq(accLedgerGroups.companyId, companyId), eq(accLedgerGroups.code, code)));
  const id = rows[0]?.id;
  if (id === undefined) throw appError('internal', `company ${companyId} lacks group ${code}`);
  return id;
}

/** The 1 April that starts the financial year `date` falls in. */
export function financialYearStart(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return `${month >= 4 ? year : year - 1}-04-01` as IsoDate;
}

/** "2425" for the year from 1 April 2024: the part of a document number naming the year. */
export function financialYearLabel(start: IsoDate): string {
  const year = Number(start.slice(0, 4));
  return `${String(year % 100).padStart(2, '0')}${String((year + 1) % 100).padStart(2, '0')}`;
}

export type FinancialYear = typeof accFinancialYears.$inferSelect;

/** Prefixes of server-allocated numbers; "INV/2425/0001" is within the 16-character limit. */
export const SERIES_PREFIX = {
  sale: 'INV',
  purchase: 'PUR',
  credit_note: 'CN',
  debit_note: 'DN',
  receipt: 'RCT',
  payment: 'PAY',
} as const;
export type AccountingDocumentType = keyof typeof SERIES_PREFIX;

/**
 * The financial year containing `date`, created with its number series on first use.
 * Idempotent under concurrency: the unique (company, start) key makes a racing insert a
 * no-op, and both callers then read the same row.
 */
export async function ensureFinancialYear(
  db: Db,
  companyId: string,
  date: IsoDate,
  newId: IDGenerator,
): Promise<FinancialYear> {
  const startDate = financialYearStart(date);
  const endDate = `${Number(startDate.slice(0, 4)) + 1}-03-31`;
  const where = and(
    eq(accFinancialYears.companyId, companyId),
    eq(accFinancialYears.startDate, startDate),
  );
  const existing = (await db.select().from(accFinancialYears).where(where))[0];
  if (existing !== undefined) return existing;

  await db
    .insert(accFinancialYears)
    .values({ id: newId(), companyId, startDate, endDate })
    .onDuplicateKeyUpdate({ set: { companyId: sql`company_id` } });
  // A locking read: a racing transaction's row, committed after our snapshot, is visible.
  const fy = (await db.select().from(accFinancialYears).where(where).for('update'))[0];
  if (fy === undefined) throw appError('internal', 'financial year vanished after insert');
  const label = financialYearLabel(startDate);
  await db
    .insert(accNumberSeries)
    .values(
      Object.entries(SERIES_PREFIX).map(([type, prefix]) => ({
        companyId,
        fyId: fy.id,
        type,
        prefix: `${prefix}/${label}/`,
      })),
    )
    .onDuplicateKeyUpdate({ set: { companyId: sql`company_id` } });
  return fy;
}

/** Closes the financial year containing `date`: it takes no new postings afterwards. */
export async function closeFinancialYear(
  db: Db,
  company: Company,
  date: IsoDate,
  now: Date,
  newId: IDGenerator,
): Promise<FinancialYear> {
  const fy = await ensureFinancialYear(db, company.id, date, newId);
  await db
    .update(accFinancialYears)
    .set({ closedAt: now })
    .where(and(eq(accFinancialYears.id, fy.id), eq(accFinancialYears.companyId, company.id)));
  return { ...fy, closedAt: now };
}
