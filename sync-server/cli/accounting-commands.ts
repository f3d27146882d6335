/**
 * Accounting commands for operators and accountants (issue 5). Each reaches the tenant's
 * database through its own pool and user, and names its company explicitly. Returns go to
 * stdout and nothing else does; messages go to stderr. Exit 2 for bad input (including an
 * unknown tenant or company), 1 for failures.
 */
import { readFile } from 'node:fs/promises';

import type { AppError } from '../../shared/errors';
import { isIsoDate } from '../../shared/gst/period';
import { newID } from '../../shared/ids';
import {
  closeFinancialYear,
  createCompany,
  resolveCompany,
  type Company,
} from '../accounting/companies';
import { gstReturns, renderReturn, type ReturnKind } from '../accounting/gst-returns';
import { importDocuments } from '../accounting/import';
import type { Platform } from '../platform/platform';
import type { TenantConnection } from '../tenancy/pools';
import { findTenantBySlug } from '../tenancy/tenant-record';
import {
  requirePositional,
  requireString,
  UsageError,
  type Command,
  type CommandIO,
} from './command';

function exitCode(e: AppError): number {
  return e.code === 'internal' ? 1 : 2;
}

function report(io: CommandIO, e: AppError): number {
  io.err(`error: ${e.message}`);
  return exitCode(e);
}

/** The tenant's own pool; an unknown tenant is bad input, an inactive one a failure. */
async function openTenant(
  p: Platform,
  slug: string,
  io: CommandIO,
): Promise<TenantConnection | number> {
  const tenant = await findTenantBySlug(p.central, slug);
  if (tenant === null) {
    io.err(`error: no tenant "${slug}"`);
    return 2;
  }
  if (tenant.status !== 'active') {
    io.err(`error: tenant "${slug}" is ${tenant.status}`);
    return 1;
  }
  return p.pools.get(tenant);
}

/** Opens the tenant and resolves `--company`; a number is the exit code of a failure. */
async function openCompany(
  p: Platform,
  slug: string,
  gstin: string,
  io: CommandIO,
): Promise<{ conn: TenantConnection; company: Company } | number> {
  const conn = await openTenant(p, slug, io);
  if (typeof conn === 'number') return conn;
  const company = await resolveCompany(conn.db, gstin);
  if (!company.ok) return report(io, company.error);
  return { conn, company: company.value };
}

export const companyCreate: Command = {
  name: 'company:create',
  usage: 'company:create <tenant> --name N --gstin G --state SS [--filing monthly|quarterly]',
  summary: 'Add an accounting company (a GST registration) with its chart of accounts',
  options: {
    name: { type: 'string' },
    gstin: { type: 'string' },
    state: { type: 'string' },
    filing: { type: 'string' },
  },
  async run({ p, args, io }) {
    const slug = requirePositional(args, 0, '<tenant>');
    const filing = args.values.filing;
    const input = {
      legalName: requireString(args, 'name'),
      gstin: requireString(args, 'gstin'),
      stateCode: requireString(args, 'state'),
      ...(typeof filing === 'string' ? { filingFrequency: filing } : {}),
    };
    const conn = await openTenant(p, slug, io);
    if (typeof conn === 'number') return conn;
    const created = await createCompany(conn.db, input, newID);
    if (!created.ok) return report(io, created.error);
    const c = created.value;
    io.out(
      `Company ${c.legalName} (${c.gstin}, state ${c.stateCode}, ${c.filingFrequency}) id ${c.id}`,
    );
    return 0;
  },
};

export const invoicesImport: Command = {
  name: 'invoices:import',
  usage: 'invoices:import <tenant> --company <gstin> <file.json>',
  summary: 'Import and post a JSON array of invoices and notes, all or nothing',
  options: { company: { type: 'string' } },
  async run({ p, args, io }) {
    const slug = requirePositional(args, 0, '<tenant>');
    const file = requirePositional(args, 1, '<file.json>');
    const gstin = requireString(args, 'company');
    let input: unknown;
    try {
      input = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new UsageError(
        `cannot read ${file} as JSON: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const opened = await openCompany(p, slug, gstin, io);
    if (typeof opened === 'number') return opened;

    const result = await importDocuments(opened.conn.db, opened.company, input, {
      now: p.now(),
      newId: newID,
    });
    if (!result.ok) return report(io, result.error);
    const n = result.value.imported.length;
    io.out(`Imported and posted ${n} document${n === 1 ? '' : 's'} for ${opened.company.gstin}.`);
    return 0;
  },
};

function returnCommand(kind: ReturnKind): Command {
  const name = `gst:${kind}`;
  return {
    name,
    usage: `${name} <tenant> --company <gstin> --period MMYYYY [--format json|csv]`,
    summary: `Write the ${kind.toUpperCase()} return of a period to stdout`,
    options: {
      company: { type: 'string' },
      period: { type: 'string' },
      format: { type: 'string' },
    },
    async run({ p, args, io }) {
      const slug = requirePositional(args, 0, '<tenant>');
      const gstin = requireString(args, 'company');
      const period = requireString(args, 'period');
      const format = args.values.format ?? 'json';
      if (format !== 'json' && format !== 'csv') throw new UsageError('--format takes json or csv');
      const opened = await openCompany(p, slug, gstin, io);
      if (typeof opened === 'number') return opened;

      const returns = await gstReturns(opened.conn.db, opened.company, period);
      if (!returns.ok) return report(io, returns.error);
      io.out(renderReturn(returns.value, kind, format));
      return 0;
    },
  };
}

export const gstGstr1 = returnCommand('gstr1');
export const gstGstr3b = returnCommand('gstr3b');

export const fyClose: Command = {
  name: 'fy:close',
  usage: 'fy:close <tenant> --company <gstin> --date YYYY-MM-DD',
  summary: 'Close the financial year containing a date: it takes no new postings',
  options: { company: { type: 'string' }, date: { type: 'string' } },
  async run({ p, args, io }) {
    const slug = requirePositional(args, 0, '<tenant>');
    const gstin = requireString(args, 'company');
    const date = requireString(args, 'date');
    if (!isIsoDate(date)) throw new UsageError('--date takes YYYY-MM-DD');
    const opened = await openCompany(p, slug, gstin, io);
    if (typeof opened === 'number') return opened;
    const fy = await closeFinancialYear(opened.conn.db, opened.company, date, p.now(), newID);
    io.out(`Financial year ${fy.startDate} to ${fy.endDate} of ${opened.company.gstin} is closed.`);
    return 0;
  },
};

export const accountingCommands: readonly Command[] = [
  companyCreate,
  invoicesImport,
  gstGstr1,
  gstGstr3b,
  fyClose,
];
