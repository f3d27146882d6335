import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { computeGstinCheckChar } from '../../shared/gst/gstin';
import { newID } from '../../shared/ids';
import {
  createCompany,
  type Company,
  type CreateCompanyInput,
} from '../../sync-server/accounting/companies';
import { parse, UsageError, type Command } from '../../sync-server/cli/command';
import { commands } from '../../sync-server/cli/commands';
import type { TenantConnection } from '../../sync-server/tenancy/pools';
import { findTenantBySlug } from '../../sync-server/tenancy/tenant-record';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';

export interface CommandRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * Runs a registered command the way main does (argument parsing, usage errors exit 2) but on
 * the test platform, capturing stdout and stderr separately.
 */
export async function run(t: TestPlatform, argv: readonly string[]): Promise<CommandRun> {
  const [name, ...rest] = argv;
  const cmd: Command | undefined = commands.find((c) => c.name === name);
  if (cmd === undefined) throw new Error(`no command ${String(name)}`);
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  let code: number;
  try {
    code = await cmd.run({ p: t.p, args: parse(cmd, rest), io });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err.push(`error: ${e.message}`);
    code = 2;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

export async function tenantConn(t: TestPlatform, slug: string): Promise<TenantConnection> {
  const record = await findTenantBySlug(t.p.central, slug);
  if (record === null) throw new Error(`no tenant ${slug}`);
  return t.p.pools.get(record);
}

/** A fresh test platform with the tenant `acme` provisioned, and acme's connection. */
export async function platformWithAcme(): Promise<{ t: TestPlatform; conn: TenantConnection }> {
  const t = await createTestPlatform();
  await t.tenant('acme');
  return { t, conn: await tenantConn(t, 'acme') };
}

/** Creates a company in the tenant; a refusal fails the test setup. */
export async function makeCompany(
  conn: TenantConnection,
  input: CreateCompanyInput,
): Promise<Company> {
  const made = await createCompany(conn.db, input, newID);
  if (!made.ok) throw made.error;
  return made.value;
}

/** Writes an import file into the test's data directory. */
export function importFile(t: TestPlatform, name: string, docs: unknown): string {
  const file = path.join(t.dataDir, name);
  writeFileSync(file, JSON.stringify(docs));
  return file;
}

/** A valid GSTIN in `state` for PAN AAPFU<digits>F: distinct companies for each run. */
export function gstinFor(state: string, digits: number): string {
  const first14 = `${state}AAPFU${String(digits).padStart(4, '0')}F1Z`;
  return first14 + (computeGstinCheckChar(first14) ?? '');
}

const ACC_TABLES = [
  'acc_companies',
  'acc_financial_years',
  'acc_ledger_groups',
  'acc_ledgers',
  'acc_party_links',
  'acc_documents',
  'acc_document_lines',
  'acc_vouchers',
  'acc_journal_lines',
  'acc_number_series',
];

/** Row counts of every accounting table, to show that a refused operation wrote nothing. */
export async function rowCounts(conn: TenantConnection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ACC_TABLES) {
    const [rows] = await conn.pool.query(`SELECT COUNT(*) AS n FROM \`${table}\``);
    counts[table] = Number((rows as { n: number | string }[])[0]?.n ?? 0);
  }
  return counts;
}

/** Vouchers whose debits and credits differ; empty when the books are sound. */
export async function unbalancedVouchers(conn: TenantConnection): Promise<unknown[]> {
  const [rows] = await conn.pool.query(
    'SELECT voucher_id, SUM(debit) AS d, SUM(credit) AS c FROM acc_journal_lines ' +
      'GROUP BY voucher_id HAVING SUM(debit) <> SUM(credit) OR SUM(debit) = 0',
  );
  return rows as unknown[];
}
