import { and, asc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';

import type { TenantDb } from '../db/connect';
import { tenantSettings } from '../db/tenant/core';
import { companies, contacts, deals, tasks } from '../db/tenant/crm';
import { syncState } from '../db/tenant/sync';
import { companyDoc, contactDoc, dealDoc, taskDoc } from './documents';
import type { SearchDoc, SearchPort, SearchType } from './port';

/**
 * Keeping the index up to date from the CRM tables' change counter: every row carries the
 * tenant-wide `version` of its last write, and versions commit in order (docs/sync.md, S-13),
 * so "everything above the last version indexed" is exactly what changed, deletes included.
 * The search route catches up before it queries, so results never lag a committed write,
 * whoever wrote it.
 */
const STATE_KEY = 'search_indexed_version';
const PAGE = 1000;

export type CatchUpCounts = Record<SearchType, number>;

interface Cursor {
  readonly version: number;
  readonly id: string;
  /** The committed version when this catch-up began: rows above it wait for the next one. */
  readonly upTo: number;
}

interface Row {
  readonly id: string;
  readonly version: number;
  readonly deleted: boolean;
  readonly companyId?: string | null;
}

interface Source<R extends Row> {
  readonly type: SearchType;
  fetch(db: TenantDb, after: Cursor): Promise<R[]>;
  toDoc(row: R, companyName: string | null): SearchDoc;
}

const after = (t: typeof companies | typeof contacts | typeof deals | typeof tasks, c: Cursor) =>
  and(or(gt(t.version, c.version), and(eq(t.version, c.version), gt(t.id, c.id))), lte(t.version, c.upTo));

const SOURCES = [
  {
    type: 'company',
    fetch: (db, c) => db.select().from(companies).where(after(companies, c)).orderBy(asc(companies.version), asc(companies.id)).limit(PAGE),
    toDoc: (r) => companyDoc(r),
  } satisfies Source<typeof companies.$inferSelect>,
  {
    type: 'contact',
    fetch: (db, c) => db.select().from(contacts).where(after(contacts, c)).orderBy(asc(contacts.version), asc(contacts.id)).limit(PAGE),
    toDoc: (r, company) => contactDoc(r, company),
  } satisfies Source<typeof contacts.$inferSelect>,
  {
    type: 'deal',
    fetch: (db, c) => db.select().from(deals).where(after(deals, c)).orderBy(asc(deals.version), asc(deals.id)).limit(PAGE),
    toDoc: (r, company) => dealDoc(r, company),
  } satisfies Source<typeof deals.$inferSelect>,
  {
    type: 'task',
    fetch: (db, c) => db.select().from(tasks).where(after(tasks, c)).orderBy(asc(tasks.version), asc(tasks.id)).limit(PAGE),
    toDoc: (r) => taskDoc(r),
  } satisfies Source<typeof tasks.$inferSelect>,
] as const;

/** Index what changed since the last catch-up; returns how many live rows of each type it indexed. */
export async function catchUpSearch(port: SearchPort, slug: string, db: TenantDb): Promise<CatchUpCounts> {
  const from = await indexedVersion(db);
  // Read first: every version up to it has committed (S-13), so each table is read up to
  // the same point and a write committing meanwhile is left whole for the next catch-up.
  const upTo = await committedVersion(db);
  const counts: CatchUpCounts = { company: 0, contact: 0, deal: 0, task: 0 };
  if (upTo <= from) return counts;
  for (const source of SOURCES) {
    counts[source.type] = await catchUpSource(port, slug, db, source as Source<Row>, { version: from, id: '', upTo });
  }
  await saveIndexedVersion(db, upTo);
  return counts;
}

/** Start over: empty the index and index every row. */
export async function rebuildSearch(port: SearchPort, slug: string, db: TenantDb): Promise<CatchUpCounts> {
  await port.clear(slug);
  await db.delete(tenantSettings).where(eq(tenantSettings.key, STATE_KEY));
  return catchUpSearch(port, slug, db);
}

async function catchUpSource(port: SearchPort, slug: string, db: TenantDb, source: Source<Row>, start: Cursor): Promise<number> {
  let cursor = start;
  let rows = 0;
  for (;;) {
    const page = await source.fetch(db, cursor);
    if (page.length === 0) return rows;
    const names = await companyNames(db, page);
    const live = page.filter((r) => !r.deleted);
    await port.index(slug, live.map((r) => source.toDoc(r, r.companyId ? names.get(r.companyId) ?? null : null)));
    await port.remove(slug, page.filter((r) => r.deleted).map((r) => ({ type: source.type, id: r.id })));
    rows += live.length;
    const last = page[page.length - 1]!;
    cursor = { version: last.version, id: last.id, upTo: start.upTo };
  }
}

/**
 * Contacts and deals are found by their company's name too.
 * Limitation: renaming a company re-indexes the company, not its contacts and deals; they
 * pick the new name up on their next change or on `search:reindex`.
 */
async function companyNames(db: TenantDb, rows: readonly Row[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.companyId).filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: companies.id, name: companies.name }).from(companies).where(inArray(companies.id, ids));
  return new Map(found.map((c) => [c.id, c.name]));
}

async function committedVersion(db: TenantDb): Promise<number> {
  const [row] = await db.select({ version: syncState.version }).from(syncState).where(eq(syncState.id, 1));
  return row?.version ?? 0;
}

async function indexedVersion(db: TenantDb): Promise<number> {
  const [row] = await db.select({ value: tenantSettings.value }).from(tenantSettings).where(eq(tenantSettings.key, STATE_KEY));
  const n = Number(row?.value ?? 0);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** Only ever moves forward, so two catch-ups racing can't set it back. */
async function saveIndexedVersion(db: TenantDb, version: number): Promise<void> {
  await db.insert(tenantSettings).values({ key: STATE_KEY, value: String(version) }).onDuplicateKeyUpdate({
    set: { value: sql.raw('GREATEST(CAST(`value` AS UNSIGNED), CAST(VALUES(`value`) AS UNSIGNED))') },
  });
}
