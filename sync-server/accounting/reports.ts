/**
 * Reports from the journal: trial balance, ledger statement and day book. Amounts are paise
 * (bigint); balances are debit minus credit, so a positive balance is a debit balance.
 */
import { and, asc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';

import type {
  DayBookVoucher,
  LedgerStatement,
  TrialBalance,
  TrialBalanceRow,
} from '../../shared/api/accounting';
import { appError, err, ok, type Result } from '../../shared/errors';
import {
  accDocuments,
  accJournalLines,
  accLedgerGroups,
  accLedgers,
  accVouchers,
} from '../db/tenant/accounting';
import type { Company } from './companies';
import type { Db } from './db';

const sumOf = (column: typeof accJournalLines.debit | typeof accJournalLines.credit) =>
  sql<string>`COALESCE(SUM(${column}), 0)`;

/**
 * Closing balances of every ledger with postings up to `to` (inclusive). The totals agree
 * because every voucher balances; if they ever don't, the books are corrupt and this throws.
 *
 * Limitation: balances run from the first posting ever; closing a year does not transfer
 * income and expense ledgers to capital, and there are no opening-balance vouchers, so a
 * trial balance in a later year still carries earlier years' sales and purchases.
 */
export async function trialBalance(db: Db, company: Company, to: string): Promise<TrialBalance> {
  const rows = await db
    .select({
      ledgerId: accJournalLines.ledgerId,
      ledger: accLedgers.name,
      group: accLedgerGroups.name,
      debit: sumOf(accJournalLines.debit),
      credit: sumOf(accJournalLines.credit),
    })
    .from(accJournalLines)
    .innerJoin(accLedgers, eq(accLedgers.id, accJournalLines.ledgerId))
    .innerJoin(accLedgerGroups, eq(accLedgerGroups.id, accLedgers.groupId))
    .where(and(eq(accJournalLines.companyId, company.id), lte(accJournalLines.date, to)))
    .groupBy(accJournalLines.ledgerId, accLedgers.name, accLedgerGroups.name)
    .orderBy(asc(accLedgerGroups.name), asc(accLedgers.name));

  const out: TrialBalanceRow[] = [];
  let totalDebit = 0n;
  let totalCredit = 0n;
  for (const r of rows) {
    const balance = BigInt(r.debit) - BigInt(r.credit);
    if (balance === 0n) continue;
    const debit = balance > 0n ? balance : 0n;
    const credit = balance < 0n ? -balance : 0n;
    totalDebit += debit;
    totalCredit += credit;
    out.push({ ledgerId: r.ledgerId, ledger: r.ledger, group: r.group, debit, credit });
  }
  if (totalDebit !== totalCredit) {
    throw appError('internal', `trial balance of ${company.gstin} does not balance`);
  }
  return { to, rows: out, totalDebit, totalCredit };
}

/** One ledger's postings in [from, to] with the balance brought forward and a running balance. */
export async function ledgerStatement(
  db: Db,
  company: Company,
  ledgerId: string,
  range: { readonly from: string; readonly to: string },
): Promise<Result<LedgerStatement>> {
  const ledger = (
    await db
      .select()
      .from(accLedgers)
      .where(and(eq(accLedgers.id, ledgerId), eq(accLedgers.companyId, company.id)))
  )[0];
  if (ledger === undefined)
    return err(appError('not_found', `no ledger ${ledgerId} in ${company.gstin}`));

  const scope = and(
    eq(accJournalLines.companyId, company.id),
    eq(accJournalLines.ledgerId, ledgerId),
  );
  const [before] = await db
    .select({ debit: sumOf(accJournalLines.debit), credit: sumOf(accJournalLines.credit) })
    .from(accJournalLines)
    .where(and(scope, lt(accJournalLines.date, range.from)));
  const opening = BigInt(before?.debit ?? '0') - BigInt(before?.credit ?? '0');

  const rows = await db
    .select({
      date: accJournalLines.date,
      voucherId: accJournalLines.voucherId,
      kind: accVouchers.kind,
      number: accDocuments.number,
      narration: accVouchers.narration,
      debit: accJournalLines.debit,
      credit: accJournalLines.credit,
    })
    .from(accJournalLines)
    .innerJoin(accVouchers, eq(accVouchers.id, accJournalLines.voucherId))
    .innerJoin(accDocuments, eq(accDocuments.id, accVouchers.documentId))
    .where(and(scope, gte(accJournalLines.date, range.from), lte(accJournalLines.date, range.to)))
    .orderBy(asc(accJournalLines.date), asc(accJournalLines.id));

  let balance = opening;
  const lines = rows.map((r) => {
    balance += r.debit - r.credit;
    return { ...r, balance };
  });
  return ok({ ledgerId, ledger: ledger.name, ...range, opening, lines, closing: balance });
}

/** Every voucher dated in [from, to], in date order, with its journal lines. */
export async function dayBook(
  db: Db,
  company: Company,
  range: { readonly from: string; readonly to: string },
): Promise<DayBookVoucher[]> {
  const vouchers = await db
    .select({
      voucherId: accVouchers.id,
      date: accVouchers.date,
      kind: accVouchers.kind,
      number: accDocuments.number,
      narration: accVouchers.narration,
    })
    .from(accVouchers)
    .innerJoin(accDocuments, eq(accDocuments.id, accVouchers.documentId))
    .where(
      and(
        eq(accVouchers.companyId, company.id),
        gte(accVouchers.date, range.from),
        lte(accVouchers.date, range.to),
      ),
    )
    .orderBy(asc(accVouchers.date), asc(accVouchers.createdAt), asc(accVouchers.id));
  if (vouchers.length === 0) return [];

  const lines = await db
    .select({
      voucherId: accJournalLines.voucherId,
      ledgerId: accJournalLines.ledgerId,
      ledger: accLedgers.name,
      debit: accJournalLines.debit,
      credit: accJournalLines.credit,
    })
    .from(accJournalLines)
    .innerJoin(accLedgers, eq(accLedgers.id, accJournalLines.ledgerId))
    .where(
      and(
        eq(accJournalLines.companyId, company.id),
        inArray(
          accJournalLines.voucherId,
          vouchers.map((v) => v.voucherId),
        ),
      ),
    )
    .orderBy(asc(accJournalLines.id));
  const byVoucher = new Map<string, DayBookVoucher['lines'][number][]>();
  for (const { voucherId, ...line } of lines) {
    byVoucher.set(voucherId, [...(byVoucher.get(voucherId) ?? []), line]);
  }
  return vouchers.map((v) => ({ ...v, lines: byVoucher.get(v.voucherId) ?? [] }));
}
