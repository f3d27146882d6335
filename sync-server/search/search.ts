import { appError } from '../../shared/errors';
import type { TenantDb } from '../db/connect';
import type { Platform } from '../platform/platform';
import { catchUpSearch } from './catch-up';
import { MariaDbSearchAdapter } from './mariadb-search';
import { MeiliSearchAdapter } from './meili-search';
import type { SearchDoc, SearchPort, SearchRef } from './port';

/** The environment this feature reads; MEILI_HOST switches from MariaDB to Meilisearch. */
export interface SearchEnv {
  readonly MEILI_HOST?: string | undefined;
  readonly MEILI_API_KEY?: string | undefined;
}

/**
 * The search adapter for a platform's configuration.
 * Limitation: MEILI_HOST and MEILI_API_KEY are read from the process environment here rather
 * than through sync-server/config.ts, which another feature owns.
 */
export function createSearchPort(p: Platform, env: SearchEnv = process.env): SearchPort {
  if (env.MEILI_HOST) {
    return new MeiliSearchAdapter({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY, indexPrefix: p.config.dbPrefix });
  }
  return new MariaDbSearchAdapter((slug) => tenantDbOf(p, slug), p.now);
}

const ports = new WeakMap<Platform, SearchPort>();

/** The platform's search adapter, built once. */
export function searchPort(p: Platform): SearchPort {
  let port = ports.get(p);
  if (!port) {
    port = createSearchPort(p);
    ports.set(p, port);
  }
  return port;
}

/**
 * Index (or re-index) entities after a write has committed. The index can always be rebuilt
 * (`search:reindex`), so a failure here is logged and never fails the write that called it.
 */
export async function indexEntity(p: Platform, tenant: string, docs: SearchDoc | readonly SearchDoc[]): Promise<void> {
  const list = Array.isArray(docs) ? (docs as readonly SearchDoc[]) : [docs as SearchDoc];
  await searchPort(p).index(tenant, list).catch((e: unknown) => {
    p.logger.warn({ tenant, err: e instanceof Error ? e.message : String(e) }, 'search indexing failed');
  });
}

/** Take deleted entities out of the index; failures are logged, as for indexEntity. */
export async function removeEntity(p: Platform, tenant: string, refs: SearchRef | readonly SearchRef[]): Promise<void> {
  const list = Array.isArray(refs) ? (refs as readonly SearchRef[]) : [refs as SearchRef];
  await searchPort(p).remove(tenant, list).catch((e: unknown) => {
    p.logger.warn({ tenant, err: e instanceof Error ? e.message : String(e) }, 'search removal failed');
  });
}

async function tenantDbOf(p: Platform, slug: string): Promise<TenantDb> {
  const tenant = await p.tenantCache.get(slug);
  if (!tenant || tenant.status !== 'active') throw appError('not_found', `No active workspace "${slug}"`);
  return p.pools.get(tenant).db;
}

const catchUps = new WeakMap<Platform, Map<string, CatchUpQueue>>();

/**
 * Bring a tenant's index up to the last committed write before a query. Concurrent callers
 * share work: while one catch-up runs, later callers wait for a single follow-up that starts
 * after it, so a caller's own committed write is always included. A failure is logged and the
 * query answers from the index as it is.
 */
export async function catchUpTenant(p: Platform, slug: string, db: TenantDb): Promise<void> {
  let byTenant = catchUps.get(p);
  if (!byTenant) {
    byTenant = new Map();
    catchUps.set(p, byTenant);
  }
  let queue = byTenant.get(slug);
  if (!queue) {
    queue = new CatchUpQueue();
    byTenant.set(slug, queue);
  }
  await queue.run(() => catchUpSearch(searchPort(p), slug, db).then(() => undefined)).catch((e: unknown) => {
    p.logger.warn({ tenant: slug, err: e instanceof Error ? e.message : String(e) }, 'search catch-up failed');
  });
}

class CatchUpQueue {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  run(work: () => Promise<void>): Promise<void> {
    if (!this.running) {
      this.running = work().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running.catch(() => undefined).then(() => {
      this.queued = undefined;
      return this.run(work);
    });
    return this.queued;
  }
}
