import { runMigrations, TENANT_MIGRATIONS } from '../db/connect';
import type { Platform } from '../platform/platform';
import { listTenants, type TenantRecord } from './tenant-record';

export interface MigrateResult {
  readonly slug: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

/**
 * Migrate tenants with bounded concurrency. One tenant's failure is recorded and the rest
 * carry on: a broken tenant must not hold every other tenant back on an old schema.
 */
export async function migrateTenants(
  p: Platform,
  opts: { readonly slugs?: readonly string[]; readonly concurrency?: number; readonly folder?: string } = {},
): Promise<MigrateResult[]> {
  const all = await listTenants(p.central);
  const targets = all.filter(
    (t) => (t.status === 'active' || t.status === 'suspended') && (!opts.slugs || opts.slugs.includes(t.slug)),
  );
  const queue = [...targets];
  const results: MigrateResult[] = [];
  const worker = async () => {
    for (let t = queue.shift(); t; t = queue.shift()) results.push(await migrateOne(p, t, opts.folder ?? TENANT_MIGRATIONS));
  };
  const n = Math.max(1, Math.min(opts.concurrency ?? 4, 64));
  await Promise.all(Array.from({ length: n }, worker));
  return results.sort((a, b) => a.slug.localeCompare(b.slug));
}

async function migrateOne(p: Platform, t: TenantRecord, folder: string): Promise<MigrateResult> {
  const started = Date.now();
  try {
    await runMigrations(p.pools.get(t).pool, folder);
    return { slug: t.slug, ok: true, ms: Date.now() - started };
  } catch (e) {
    const error = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    p.logger.warn({ tenant: t.slug, error }, 'tenant migration failed');
    return { slug: t.slug, ok: false, ms: Date.now() - started, error };
  }
}
