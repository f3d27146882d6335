/**
 * The search port: what the server indexes (contacts, companies, deals, tasks) and how it is
 * queried, whichever engine is behind it. Every call names the tenant, and an adapter keeps
 * tenants apart by construction (the tenant's own database, or one engine index per tenant),
 * never by a filter a bug could forget.
 */
export const SEARCH_TYPES = ['contact', 'company', 'deal', 'task'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export interface SearchDoc {
  readonly type: SearchType;
  readonly id: string;
  readonly title: string;
  /** Everything else worth matching: e-mail, phone, company name, description. */
  readonly body: string;
}

export interface SearchRef {
  readonly type: SearchType;
  readonly id: string;
}

export interface SearchHit {
  readonly type: SearchType;
  readonly id: string;
  readonly title: string;
  /** A short piece of the body around the first matched term. */
  readonly snippet: string;
}

export interface SearchOptions {
  /** Only these types; all when absent. An empty list matches nothing. */
  readonly types?: readonly SearchType[];
  readonly limit?: number;
}

export interface SearchPort {
  /** Add or replace documents; a query after this resolves sees them. */
  index(tenant: string, docs: readonly SearchDoc[]): Promise<void>;
  remove(tenant: string, refs: readonly SearchRef[]): Promise<void>;
  /** Every term must match (the last one as a prefix); best matches first. */
  query(tenant: string, text: string, opts?: SearchOptions): Promise<SearchHit[]>;
  /** Forget everything of a tenant, before a reindex. */
  clear(tenant: string): Promise<void>;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export function isSearchType(s: string): s is SearchType {
  return (SEARCH_TYPES as readonly string[]).includes(s);
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}
