import { appError } from '../../shared/errors';
import type { TenantDb } from '../db/connect';
import type { Platform } from '../platform/platform';
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
