/**
 * The shapes the accounting API (sync-server/accounting/*) answers with, as both sides hold
 * them: amounts are paise as bigint. On the wire they are integer JSON numbers; the server
 * writes them from these types and the client's api.ts reads them back into them.
 */
import type { Paise } from '../money';

/** One document of the invoice list. */
export interface DocumentSummary {
  readonly id: string;
  readonly type: string;
  readonly number: string | null;
  readonly date: string;
  readonly status: string;
  /** The party's name, or its GSTIN when it has no name. */
  readonly party: string;
  /** Null on a draft the server has not computed tax for yet. */
  readonly total: Paise | null;
}

export interface TrialBalanceRow {
  readonly ledgerId: string;
  readonly ledger: string;
  readonly group: string;
  /** The closing balance on its side; the other side is zero. */
  readonly debit: Paise;
  readonly credit: Paise;
}

export interface TrialBalance {
  readonly to: string;
  readonly rows: readonly TrialBalanceRow[];
  readonly totalDebit: Paise;
  readonly totalCredit: Paise;
}

export interface StatementLine {
  readonly date: string;
  readonly voucherId: string;
  readonly kind: string;
  readonly number: string | null;
  readonly narration: string;
  readonly debit: Paise;
  readonly credit: Paise;
  /** Running balance after this line, debit positive. */
  readonly balance: Paise;
}

export interface LedgerStatement {
  readonly ledgerId: string;
  readonly ledger: string;
  readonly from: string;
  readonly to: string;
  readonly opening: Paise;
  readonly lines: readonly StatementLine[];
  readonly closing: Paise;
}

export interface DayBookVoucher {
  readonly voucherId: string;
  readonly date: string;
  readonly kind: string;
  readonly number: string | null;
  readonly narration: string;
  readonly lines: readonly {
    readonly ledgerId: string;
    readonly ledger: string;
    readonly debit: Paise;
    readonly credit: Paise;
  }[];
}
