/**
 * The accounting API on tenant hosts. Every route needs a session and a permission, and
 * every route but the company list names its company (`?company=` GSTIN or id): a request
 * without one, or naming one this workspace lacks, is refused (CompanyRequired).
 * Amounts in responses are integer paise.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';

import { appError, type AppError, type Result } from '../../shared/errors';
import { isIsoDate } from '../../shared/gst/period';
import { newID } from '../../shared/ids';
import type { AnyPermission } from '../../shared/permissions';
import { readJson } from '../auth/body';
import { requirePermission, requireSession } from '../auth/middleware';
import { problem } from '../http/problem';
import { requireTenant, type AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { listCompanies, resolveCompany, type Company } from './companies';
import { withRetry } from './db';
import { createDraft, insertSettlement } from './documents';
import { listDocuments, listLedgers } from './listing';
import { gstReturns, renderReturn, type ReturnKind } from './gst-returns';
import { postDocument, reverseDocument } from './posting';
import { dayBook, ledgerStatement, trialBalance } from './reports';

const SettlementBody = z
  .object({
    id: z
      .string()
      .regex(/^[0-9A-Za-z]{26}$/, 'must be a ULID')
      .optional(),
    type: z.enum(['receipt', 'payment']),
    date: z.string(),
    partyGstin: z.string().nullable().default(null),
    partyName: z.string().trim().min(1).max(200).nullable().default(null),
    partyState: z.string().nullable().default(null),
    amount: z.union([z.string(), z.number()]),
    via: z.enum(['bank', 'cash']).default('bank'),
  })
  .strict();

/** bigint paise as JSON numbers: exact, since amounts are capped at 10^15 paise. */
function json(c: Context, body: unknown, status: 200 | 201 = 200): Response {
  const text = JSON.stringify(body, (_key, value: unknown) =>
    typeof value === 'bigint' ? Number(value) : value,
  );
  return c.body(text, status, { 'content-type': 'application/json; charset=utf-8' });
}

async function companyOf<E extends AppEnv>(c: Context<E>): Promise<Result<Company, AppError>> {
  return resolveCompany(c.get('tenant').conn.db, c.req.query('company'));
}

/** `from`/`to` query dates; `to` defaults to today, `from` to the first of `to`'s month. */
function range(c: Context, today: Date): Result<{ from: string; to: string }, AppError> {
  const to = c.req.query('to') ?? today.toISOString().slice(0, 10);
  const from = c.req.query('from') ?? `${to.slice(0, 8)}01`;
  if (!isIsoDate(to) || !isIsoDate(from)) {
    return { ok: false, error: appError('validation', 'from and to are dates YYYY-MM-DD') };
  }
  if (from > to) return { ok: false, error: appError('validation', 'from is after to') };
  return { ok: true, value: { from, to } };
}

export function accountingRoutes(app: Hono<AppEnv>, p: Platform): void {
  const guard = (permission: AnyPermission) =>
    [requireTenant(p), requireSession(p), requirePermission(permission)] as const;
  const ctx = () => ({ now: p.now(), newId: newID });

  app.get('/api/accounting/companies', ...guard('accounting.read'), async (c) => {
    return json(c, { companies: await listCompanies(c.get('tenant').conn.db) });
  });

  app.get('/api/accounting/invoices', ...guard('accounting.read'), async (c) => {
    const company = await companyOf(c);
    if (!company.ok) return problem(c, company.error);
    const dates = range(c, p.now());
    if (!dates.ok) return problem(c, dates.error);
    const documents = await listDocuments(c.get('tenant').conn.db, company.value, dates.value);
    return json(c, { documents });
  });

  // A draft in the import shape; `number` is optional (allocated on posting) and a
  // client-made `id` makes a retried create return the first one.
  app.post('/api/accounting/invoices', ...guard('invoices.create'), async (c) => {
    const company = await companyOf(c);
    if (!company.ok) return problem(c, company.error);
    const body: unknown = await c.req.json().catch(() => null);
    if (typeof body !== 'object' || body === null) {
      return problem(c, appError('validation', 'The request body must be a JSON document'));
    }
    const { id, ...doc } = body as Record<string, unknown>;
    if (id !== undefined && (typeof id !== 'string' || !/^[0-9A-Za-z]{26}$/.test(id))) {
      return problem(c, appError('validation', 'id must be a ULID'));
    }
    const draft = await createDraft(c.get('tenant').conn.db, company.value, doc, {
      newId: newID,
      ...(typeof id === 'string' ? { id } : {}),
    });
    if (!draft.ok) return problem(c, draft.error);
    const { id: draftId, status, number, type, date } = draft.value;
    return json(c, { id: draftId, status, number, type, date }, 201);
  });

  app.get('/api/accounting/ledgers', ...guard('accounting.read'), async (c) => {
    const company = await companyOf(c);
    if (!company.ok) return problem(c, company.error);
    return json(c, { ledgers: await listLedgers(c.get('tenant').conn.db, company.value) });
  });

  // A receipt from a customer or payment to a supplier, as a draft; post it like an invoice.
  app.post('/api/accounting/settlements', ...guard('invoices.create'), async (c) => {
    const company = await companyOf(c);
    if (!company.ok) return problem(c, company.error);
    const body = await readJson(c, SettlementBody);
    if (!body.ok) return problem(c, body.error);
    const { id, ...input } = body.value;
    const db = c.get('tenant').conn.db;
    const created = await withRetry(() =>
      db.transaction((tx) =>
        insertSettlement(tx, company.value, input, {
          number: null,
          newId: newID,
          ...(id === undefined ? {} : { id }),
        }),
      ),
    );
    if (!created.ok) return problem(c, created.error);
    const { id: draftId, status, type, date, amount } = created.value;
    return json(c, { id: draftId, status, type, date, amount }, 201);
  });

  app.post('/api/accounting/invoices/:id/post', ...guard('invoices.post'), async (c) => {
    const company = await companyOf(c);
    if (!company.ok) return problem(c, company.error);
    const db = c.get('tenant').conn.db;
    const posted = await postDocument(db, company.value, c.req.param('id'), ctx());
    if (!posted.ok) return problem(c, posted.error);
    c.get('log').info(
      { document: posted.value.documentId, again: posted.value.alreadyPosted },
      'posted',
    );
    return json(c, posted.value);
  });

  app.post('/api/accounting/invoices/:id/reverse', ...guard('invoices.post'), async (c) => {
    const company = await companyOf(c);
    if (!company.ok) return problem(c, company.error);
    const db = c.get('tenant').conn.db;
    const date = c.req.query('date');
    const reversed = await reverseDocument(db, company.value, c.req.param('id'), {
      ...ctx(),
      ...(date === undefined ? {} : { date }),
    });
    if (!reversed.ok) return problem(c, reversed.error);
    return json(c, reversed.value);
  });

  app.get('/api/accounting/reports/trial-balance', ...guard('accounting.read'), async (c) => {
    const company = await companyOf(c);
    if (!company.ok) return problem(c, company.error);
    const dates = range(c, p.now());
    if (!dates.ok) return problem(c, dates.error);
    return json(c, await trialBalance(c.get('tenant').conn.db, company.value, dates.value.to));
  });

  app.get('/api/accounting/reports/ledger/:id', ...guard('accounting.read'), async (c) => {
    const company = await companyOf(c);
    if (!company.ok) return problem(c, company.error);
    const dates = range(c, p.now());
    if (!dates.ok) return problem(c, dates.error);
    const db = c.get('tenant').conn.db;
    const statement = await ledgerStatement(db, company.value, c.req.param('id'), dates.value);
    return statement.ok ? json(c, statement.value) : problem(c, statement.error);
  });

  app.get('/api/accounting/reports/day-book', ...guard('accounting.read'), async (c) => {
    const company = await companyOf(c);
    if (!company.ok) return problem(c, company.error);
    const dates = range(c, p.now());
    if (!dates.ok) return problem(c, dates.error);
    const vouchers = await dayBook(c.get('tenant').conn.db, company.value, dates.value);
    return json(c, { ...dates.value, vouchers });
  });

  for (const kind of ['gstr1', 'gstr3b'] as const satisfies readonly ReturnKind[]) {
    app.get(`/api/accounting/gst/${kind}`, ...guard('gst.export'), async (c) => {
      const company = await companyOf(c);
      if (!company.ok) return problem(c, company.error);
      const format = c.req.query('format') ?? 'json';
      if (format !== 'json' && format !== 'csv') {
        return problem(c, appError('validation', 'format is json or csv'));
      }
      const period = c.req.query('period') ?? '';
      const returns = await gstReturns(c.get('tenant').conn.db, company.value, period);
      if (!returns.ok) return problem(c, returns.error);
      const body = renderReturn(returns.value, kind, format);
      const file = `${kind}_${company.value.gstin}_${period}.${format}`;
      return c.body(body, 200, {
        'content-type':
          format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file}"`,
      });
    });
  }
}
