import { Meilisearch, type Task } from 'meilisearch';

import { clampLimit, isSearchType, type SearchDoc, type SearchHit, type SearchOptions, type SearchPort, type SearchRef } from './port';
import { searchTerms, snippetOf } from './text';

export interface MeiliOptions {
  readonly host: string;
  readonly apiKey?: string | undefined;
  /** Index names are `<indexPrefix><tenant slug>`, so deployments sharing a server stay apart. */
  readonly indexPrefix: string;
  /** How long to wait for Meilisearch to apply a write. */
  readonly taskTimeoutMs?: number;
}

interface MeiliDoc extends SearchDoc {
  readonly key: string;
}

/**
 * Meilisearch adapter: one index per tenant, created on first use. Tenant isolation is the
 * index name, so a query can only ever reach its own tenant's index. Writes wait for their
 * task, so a query right after `index` sees the documents, as with the MariaDB adapter.
 */
export class MeiliSearchAdapter implements SearchPort {
  private readonly client: Meilisearch;
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(private readonly opts: MeiliOptions) {
    this.client = new Meilisearch({
      host: opts.host,
      ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
      defaultWaitOptions: { timeout: opts.taskTimeoutMs ?? 10_000 },
    });
  }

  indexName(tenant: string): string {
    return `${this.opts.indexPrefix}${tenant}`;
  }

  async index(tenant: string, docs: readonly SearchDoc[]): Promise<void> {
    if (docs.length === 0) return;
    await this.ensure(tenant);
    const rows: MeiliDoc[] = docs.map((d) => ({ key: keyOf(d), type: d.type, id: d.id, title: d.title, body: d.body }));
    succeeded(await this.client.index<MeiliDoc>(this.indexName(tenant)).addDocuments(rows, { primaryKey: 'key' }).waitTask());
  }

  async remove(tenant: string, refs: readonly SearchRef[]): Promise<void> {
    if (refs.length === 0) return;
    await this.ensure(tenant);
    succeeded(await this.client.index(this.indexName(tenant)).deleteDocuments(refs.map(keyOf)).waitTask());
  }

  async query(tenant: string, text: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    const terms = searchTerms(text);
    if (terms.length === 0 || opts.types?.length === 0) return [];
    await this.ensure(tenant);
    const res = await this.client.index<MeiliDoc>(this.indexName(tenant)).search(terms.join(' '), {
      limit: clampLimit(opts.limit),
      ...(opts.types ? { filter: `type IN [${opts.types.map((t) => JSON.stringify(t)).join(', ')}]` } : {}),
      attributesToRetrieve: ['type', 'id', 'title', 'body'],
      matchingStrategy: 'all',
    });
    return res.hits
      .filter((h) => isSearchType(h.type))
      .map((h) => ({ type: h.type, id: h.id, title: h.title, snippet: snippetOf(h.body, terms) }));
  }

  async clear(tenant: string): Promise<void> {
    await this.ensure(tenant);
    succeeded(await this.client.index(this.indexName(tenant)).deleteAllDocuments().waitTask());
  }

  /** Create the tenant's index and its settings once per process; retried after a failure. */
  private ensure(tenant: string): Promise<void> {
    let p = this.ensured.get(tenant);
    if (!p) {
      p = this.create(this.indexName(tenant));
      this.ensured.set(tenant, p);
      p.catch(() => this.ensured.delete(tenant));
    }
    return p;
  }

  private async create(uid: string): Promise<void> {
    const created = await this.client.createIndex(uid, { primaryKey: 'key' }).waitTask();
    if (created.status === 'failed' && created.error?.code !== 'index_already_exists') succeeded(created);
    succeeded(await this.client.index(uid).updateSettings({
      filterableAttributes: ['type'],
      searchableAttributes: ['title', 'body'],
    }).waitTask());
  }
}

function keyOf(r: SearchRef): string {
  return `${r.type}-${r.id}`;
}

function succeeded(task: Task): void {
  if (task.status !== 'succeeded') {
    throw new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no reason given'}`);
  }
}
