import { and, eq } from 'drizzle-orm';

import { comments, deals, tasks } from '../../sync-server/db/tenant/crm';
import type { Platform } from '../../sync-server/platform/platform';

async function tenantDb(p: Platform, slug: string) {
  const tenant = await p.tenantCache.get(slug);
  if (!tenant) throw new Error(`no tenant ${slug}`);
  return p.pools.get(tenant).db;
}

/** Live (not deleted) rows with this title, read straight from the tenant database. */
export async function taskTitled(p: Platform, slug: string, title: string) {
  const db = await tenantDb(p, slug);
  return db.select().from(tasks).where(and(eq(tasks.title, title), eq(tasks.deleted, false)));
}

export async function dealTitled(p: Platform, slug: string, title: string) {
  const db = await tenantDb(p, slug);
  return db.select().from(deals).where(and(eq(deals.title, title), eq(deals.deleted, false)));
}

export async function commentsOf(p: Platform, slug: string, taskId: string) {
  const db = await tenantDb(p, slug);
  return db.select().from(comments).where(and(eq(comments.taskId, taskId), eq(comments.deleted, false)));
}

/** Polls `read` until `ok` holds: for server-side effects of a browser action. */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
