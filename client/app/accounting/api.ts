/**
 * The accounting API as the screens use it: typed reads of the reports, the invoice list,
 * and the posting transport for device drafts. Every call names the company (CompanyRequired).
 * Amounts arrive as integer paise and become bigint here, once.
 */
import type {
  DayBookVoucher,
  DocumentSummary,
  LedgerStatement,
  TrialBalance,
} from '../../../shared/api/accounting';
import type { Gstr3bJson } from '../../../shared/gst/gstr3b';
import type { Gstr1Json } from '../../../shared/gst/returns';
import type { Paise } from '../../../shared/money';
import type { PostingTransport, Reply } from './draft-posting';
import { apiUrl, getJson, postJson } from './http';

const BASE = '/api/accounting';

/**
 * Amounts from the API: integer paise as JSON numbers (exact, as the server caps amounts at
 * 10^15 paise). Anything else means a broken answer and reads as zero.
 */
export function readPaise(value: unknown): Paise {
  return typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : 0n;
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

/** The company's documents dated in [from, to], drafts included, newest first. */
export async function fetchInvoices(
  companyId: string,
  range: { readonly from: string; readonly to: string },
): Promise<Reply<DocumentSummary[]>> {
  const reply = await getJson(apiUrl(`${BASE}/invoices`, { company: companyId, ...range }));
  return map(reply, (body) =>
    list(body, 'documents')
      .map((r) => ({
        id: str(r.id),
        type: str(r.type),
        number: strOrNull(r.number),
        date: str(r.date),
        status: str(r.status),
        party: str(r.party),
        total: r.total === null ? null : readPaise(r.total),
      }))
      .reverse(),
  );
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
      ledgerId: str(b.ledgerId),
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

/** Every voucher dated in [from, to], with its journal lines. */
export async function fetchDayBook(
  companyId: string,
  range: { readonly from: string; readonly to: string },
): Promise<Reply<DayBookVoucher[]>> {
  const reply = await getJson(apiUrl(`${BASE}/reports/day-book`, { company: companyId, ...range }));
  return map(reply, (body) =>
    list(body, 'vouchers').map((v) => ({
      voucherId: str(v.voucherId),
      date: str(v.date),
      kind: str(v.kind),
      number: strOrNull(v.number),
      narration: str(v.narration),
      lines: list(v, 'lines').map((l) => ({
        ledgerId: str(l.ledgerId),
        ledger: str(l.ledger),
        debit: readPaise(l.debit),
        credit: readPaise(l.credit),
      })),
    })),
  );
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
  async uploadDraft(companyId, id, document) {
    const url = apiUrl(`${BASE}/invoices`, { company: companyId });
    const reply = await postJson(url, { ...document, id });
    return map(reply, (b) => ({ id: str((b as Record<string, unknown>).id) }));
  },
  async postDocument(companyId, id) {
    const url = apiUrl(`${BASE}/invoices/${encodeURIComponent(id)}/post`, { company: companyId });
    const reply = await postJson(url, {});
    return map(reply, (b) => ({ number: str((b as Record<string, unknown>).number) }));
  },
};
