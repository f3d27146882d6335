/**
 * The accounting API as the screens use it: typed reads of the reports, the invoice list,
 * and the posting transport for device drafts. Every call names the company (CompanyRequired).
 * Amounts arrive as rupee decimals and are turned into exact paise here, once.
 */
import type { Gstr3bJson } from '../../../shared/gst/gstr3b';
import type { Gstr1Json } from '../../../shared/gst/returns';
import { parseRupees, type Paise } from '../../../shared/money';
import type { PostingTransport, Reply } from './draft-posting';
import { apiUrl, getJson, postJson } from './http';

const BASE = '/api/accounting';

/** Rupees from the API ("1180.00" or 1180) as paise; anything else is a broken answer. */
export function readPaise(value: unknown): Paise {
  if (typeof value === 'bigint') return value;
  if (typeof value !== 'string' && typeof value !== 'number') return 0n;
  const parsed = parseRupees(value);
  return parsed.ok ? parsed.value : 0n;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function strOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function list(value: unknown, key: string): readonly Record<string, unknown>[] {
  const raw = Array.isArray(value) ? value : (value as Record<string, unknown> | null)?.[key];
  return Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
}

function map<T>(reply: Reply<unknown>, read: (body: unknown) => T): Reply<T> {
  return reply.ok ? { ok: true, value: read(reply.value) } : reply;
}

export interface InvoiceSummary {
  readonly id: string;
  readonly type: string;
  readonly number: string | null;
  readonly date: string;
  readonly status: string;
  readonly partyName: string | null;
  readonly partyGstin: string | null;
  readonly value: Paise;
}

export async function fetchInvoices(companyId: string): Promise<Reply<InvoiceSummary[]>> {
  const reply = await getJson(apiUrl(`${BASE}/invoices`, { company: companyId }));
  return map(reply, (body) =>
    list(body, 'invoices').map((r) => ({
      id: str(r.id),
      type: str(r.type),
      number: strOrNull(r.number),
      date: str(r.date),
      status: str(r.status),
      partyName: strOrNull(r.partyName),
      partyGstin: strOrNull(r.partyGstin),
      value: readPaise(r.value),
    })),
  );
}

export interface TrialBalanceRow {
  readonly ledgerId: string;
  readonly ledger: string;
  readonly group: string;
  readonly debit: Paise;
  readonly credit: Paise;
}

export interface TrialBalance {
  readonly to: string;
  readonly rows: readonly TrialBalanceRow[];
  readonly totalDebit: Paise;
  readonly totalCredit: Paise;
}

export async function fetchTrialBalance(
  companyId: string,
  to: string,
): Promise<Reply<TrialBalance>> {
  const reply = await getJson(apiUrl(`${BASE}/reports/trial-balance`, { company: companyId, to }));
  return map(reply, (body) => {
    const b = body as Record<string, unknown>;
    return {
      to: str(b.to),
      rows: list(b, 'rows').map((r) => ({
        ledgerId: str(r.ledgerId),
        ledger: str(r.ledger),
        group: str(r.group),
        debit: readPaise(r.debit),
        credit: readPaise(r.credit),
      })),
      totalDebit: readPaise(b.totalDebit),
      totalCredit: readPaise(b.totalCredit),
    };
  });
}

export interface StatementLine {
  readonly date: string;
  readonly voucherId: string;
  readonly kind: string;
  readonly number: string | null;
  readonly narration: string;
  readonly debit: Paise;
  readonly credit: Paise;
  readonly balance: Paise;
}

export interface LedgerStatement {
  readonly ledger: string;
  readonly from: string;
  readonly to: string;
  readonly opening: Paise;
  readonly lines: readonly StatementLine[];
  readonly closing: Paise;
}

export async function fetchLedgerStatement(
  companyId: string,
  ledgerId: string,
  range: { readonly from: string; readonly to: string },
): Promise<Reply<LedgerStatement>> {
  const path = `${BASE}/reports/ledger/${encodeURIComponent(ledgerId)}`;
  const reply = await getJson(apiUrl(path, { company: companyId, ...range }));
  return map(reply, (body) => {
    const b = body as Record<string, unknown>;
    return {
      ledger: str(b.ledger),
      from: str(b.from),
      to: str(b.to),
      opening: readPaise(b.opening),
      lines: list(b, 'lines').map((l) => ({
        date: str(l.date),
        voucherId: str(l.voucherId),
        kind: str(l.kind),
        number: strOrNull(l.number),
        narration: str(l.narration),
        debit: readPaise(l.debit),
        credit: readPaise(l.credit),
        balance: readPaise(l.balance),
      })),
      closing: readPaise(b.closing),
    };
  });
}

export type ReturnKind = 'gstr1' | 'gstr3b';
export type ReturnFormat = 'json' | 'csv';

export function returnUrl(
  kind: ReturnKind,
  companyId: string,
  period: string,
  format: ReturnFormat,
): string {
  return apiUrl(`${BASE}/gst/${kind}`, { company: companyId, period, format });
}

export async function fetchGstr1(companyId: string, period: string): Promise<Reply<Gstr1Json>> {
  // The JSON download is the portal file itself; its shape is shared/gst's.
  return map(await getJson(returnUrl('gstr1', companyId, period, 'json')), (b) => b as Gstr1Json);
}

export async function fetchGstr3b(companyId: string, period: string): Promise<Reply<Gstr3bJson>> {
  return map(await getJson(returnUrl('gstr3b', companyId, period, 'json')), (b) => b as Gstr3bJson);
}

/** Posting over HTTP: upload as a server draft, then post it (draft-posting.ts). */
export const httpTransport: PostingTransport = {
  async uploadDraft(companyId, document, idempotencyKey) {
    const url = apiUrl(`${BASE}/invoices`, { company: companyId });
    const reply = await postJson(url, document, { 'idempotency-key': idempotencyKey });
    return map(reply, (b) => ({ id: str((b as Record<string, unknown>).id) }));
  },
  async postDocument(companyId, id) {
    const url = apiUrl(`${BASE}/invoices/${encodeURIComponent(id)}/post`, { company: companyId });
    const reply = await postJson(url, {});
    return map(reply, (b) => ({ number: str((b as Record<string, unknown>).number) }));
  },
};
