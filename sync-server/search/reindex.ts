import { and, asc, eq, gt } from 'drizzle-orm';

import type { TenantDb } from '../db/connect';
import { companies, contacts, deals, tasks } from '../db/tenant/crm';
import { companyDoc, contactDoc, dealDoc, taskDoc } from './documents';
import type { SearchPort, SearchType } from './port';

const PAGE = 1000;

export type ReindexCounts = Record<SearchType, number>;

/** Rebuild a tenant's index from its CRM tables: clear, then index every live row by pages. */
export async function reindexTenant(port: SearchPort, slug: string, db: TenantDb): Promise<ReindexCounts> {
  await port.clear(slug);
  const names = new Map<string, string>();
  const company = (id: string | null) => (id ? names.get(id) : null);

  const live = <T extends typeof companies | typeof contacts | typeof deals | typeof tasks>(t: T, after: string) =>
    and(eq(t.deleted, false), gt(t.id, after));

  return {
    company: await eachPage(
      (after) => db.select().from(companies).where(live(companies, after)).orderBy(asc(companies.id)).limit(PAGE),
      async (rows) => {
        for (const r of rows) names.set(r.id, r.name);
        await port.index(slug, rows.map((r) => companyDoc(r)));
      },
    ),
    contact: await eachPage(
      (after) => db.select().from(contacts).where(live(contacts, after)).orderBy(asc(contacts.id)).limit(PAGE),
      (rows) => port.index(slug, rows.map((r) => contactDoc(r, company(r.companyId)))),
    ),
    deal: await eachPage(
      (after) => db.select().from(deals).where(live(deals, after)).orderBy(asc(deals.id)).limit(PAGE),
      (rows) => port.index(slug, rows.map((r) => dealDoc(r, company(r.companyId)))),
    ),
    task: await eachPage(
      (after) => db.select().from(tasks).where(live(tasks, after)).orderBy(asc(tasks.id)).limit(PAGE),
      (rows) => port.index(slug, rows.map((r) => taskDoc(r))),
    ),
  };
}

/** Keyset pages by id, so a large table is read in bounded pieces. */
async function eachPage<T extends { readonly id: string }>(
  fetch: (after: string) => Promise<T[]>,
  each: (rows: T[]) => Promise<void>,
): Promise<number> {
  let count = 0;
  for (let after = ''; ;) {
    const rows = await fetch(after);
    if (rows.length === 0) return count;
    await each(rows);
    count += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
