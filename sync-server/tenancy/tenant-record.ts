import { eq } from 'drizzle-orm';

import * as c from '../db/central-schema';
import type { CentralDb } from '../db/connect';

export type TenantRecord = typeof c.tenants.$inferSelect;

export async function findTenantBySlug(db: CentralDb, slug: string): Promise<TenantRecord | null> {
  const rows = await db.select().from(c.tenants).where(eq(c.tenants.slug, slug));
  return rows[0] ?? null;
}

export async function listTenants(db: CentralDb): Promise<TenantRecord[]> {
  return db.select().from(c.tenants).orderBy(c.tenants.slug);
}

/**
 * A short-lived cache of catalog rows for Host resolution. Entries live a few seconds, so a
 * suspension made on another node takes effect within that window even without a message;
 * status changes made through this process invalidate the entry at once.
 */
export class TenantCache {
  private readonly entries = new Map<string, { at: number; value: TenantRecord | null }>();

  constructor(
    private readonly db: CentralDb,
    private readonly ttlMs = 2_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(slug: string): Promise<TenantRecord | null> {
    const hit = this.entries.get(slug);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = await findTenantBySlug(this.db, slug);
    this.entries.set(slug, { at: this.now(), value });
    if (this.entries.size > 10_000) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  invalidate(slug: string): void {
    this.entries.delete(slug);
  }
}
