import { decrypt, unwrapKey } from '../../shared/crypto';
import { createPool, tenantDb, type Pool, type TenantDb } from '../db/connect';
import type { DbServer } from '../config';
import type { TenantRecord } from './tenant-record';

export interface TenantConnection {
  readonly slug: string;
  readonly pool: Pool;
  readonly db: TenantDb;
  readonly dataKey: Buffer;
}

interface Entry {
  conn: TenantConnection;
  lastUsed: number;
}

/**
 * One pool per tenant, connecting as that tenant's own MariaDB user, so the database server
 * itself refuses a query that names another tenant's schema (docs/tenancy.md, T-5). Pools are
 * bounded in number (least recently used closes first) and closed after idling, so thousands
 * of tenants do not hold thousands of idle connections.
 */
export class TenantPools {
  private readonly entries = new Map<string, Entry>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly opts: {
      readonly masterKey: Buffer;
      readonly servers: readonly DbServer[];
      readonly maxPools: number;
      readonly connectionsPerPool: number;
      readonly idleMs: number;
      readonly now?: () => number;
    },
  ) {
    this.timer = setInterval(() => void this.evictIdle(), Math.min(opts.idleMs, 30_000));
    this.timer.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  get(tenant: TenantRecord): TenantConnection {
    const now = this.now();
    const hit = this.entries.get(tenant.slug);
    if (hit) {
      // Refresh LRU order: Map iteration order is insertion order.
      this.entries.delete(tenant.slug);
      hit.lastUsed = now;
      this.entries.set(tenant.slug, hit);
      return hit.conn;
    }
    const conn = this.open(tenant);
    this.entries.set(tenant.slug, { conn, lastUsed: now });
    while (this.entries.size > this.opts.maxPools) {
      const oldest = this.entries.keys().next().value as string;
      void this.close(oldest);
    }
    return conn;
  }

  /** Drop a tenant's pool, e.g. after suspension or deletion. */
  async close(slug: string): Promise<void> {
    const e = this.entries.get(slug);
    if (!e) return;
    this.entries.delete(slug);
    await e.conn.pool.end().catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.entries.keys()].map((s) => this.close(s)));
  }

  private async evictIdle(): Promise<void> {
    const cutoff = this.now() - this.opts.idleMs;
    for (const [slug, e] of this.entries) {
      if (e.lastUsed < cutoff) await this.close(slug);
    }
  }

  private open(t: TenantRecord): TenantConnection {
    const server = this.opts.servers.find((s) => s.name === t.dbServer);
    if (!server) throw new Error(`Tenant ${t.slug} lives on unknown database server "${t.dbServer}"`);
    const base = new URL(server.url);
    base.host = t.dbHost;
    const pool = createPool({
      url: base.toString(),
      database: t.dbName,
      user: t.dbUser,
      password: decrypt(this.opts.masterKey, t.dbPasswordEnc, `tenant-db:${t.slug}`),
      connectionLimit: this.opts.connectionsPerPool,
      idleTimeoutMs: this.opts.idleMs,
    });
    return { slug: t.slug, pool, db: tenantDb(pool), dataKey: unwrapKey(this.opts.masterKey, t.dataKeyWrapped, t.slug) };
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}
