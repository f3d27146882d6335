import { Redis } from 'ioredis';
import path from 'node:path';

import type { Config } from '../config';
import { centralDb, createPool, type CentralDb, type Pool } from '../db/connect';
import type { Logger } from '../logger';
import { loadMasterKey } from '../tenancy/master-key';
import { TenantPools } from '../tenancy/pools';
import { TenantCache } from '../tenancy/tenant-record';
import { TenantBus } from './bus';
import { centralDatabaseName, checkMasterKey, migrateCentral, seedCatalog } from './central';
import { OutboxTransport, type MailTransport } from './mail';

/**
 * Everything a request handler, job or CLI command needs, built once per process and passed
 * down explicitly. There is no global state: tests build one platform per test file against
 * their own database prefix.
 */
export interface Platform {
  readonly config: Config;
  readonly logger: Logger;
  readonly masterKey: Buffer;
  /** Root connections, used only to create and drop tenant databases and users. */
  readonly adminPools: ReadonlyMap<string, Pool>;
  readonly centralPool: Pool;
  readonly central: CentralDb;
  readonly tenantCache: TenantCache;
  readonly pools: TenantPools;
  readonly redis: Redis;
  readonly bus: TenantBus;
  mail: MailTransport;
  readonly now: () => Date;
  close(): Promise<void>;
}

export interface PlatformOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly mail?: MailTransport;
  readonly now?: () => Date;
}

export async function createPlatform(opts: PlatformOptions): Promise<Platform> {
  const { config, logger } = opts;
  const masterKey = loadMasterKey({
    envValue: config.masterKeyB64,
    dataDir: config.dataDir,
    production: config.env === 'production',
    logger,
  });
  const adminPools = new Map<string, Pool>();
  for (const s of config.dbServers) adminPools.set(s.name, createPool({ url: s.url, connectionLimit: 4 }));
  const primaryAdmin = adminPools.get('primary')!;
  const centralPool = createPool({ url: config.databaseUrl, database: centralDatabaseName(config.dbPrefix), connectionLimit: 10 });
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
  const closeEarly = async () => {
    redis.disconnect();
    await Promise.all([centralPool.end(), ...[...adminPools.values()].map((p) => p.end())]);
  };
  try {
    await migrateCentral(primaryAdmin, centralPool, config.dbPrefix);
    const central = centralDb(centralPool);
    await checkMasterKey(central, masterKey);
    await seedCatalog(central);
    const pools = new TenantPools({
      masterKey,
      servers: config.dbServers,
      maxPools: config.tenantPoolMax,
      connectionsPerPool: config.tenantPoolConnections,
      idleMs: config.tenantPoolIdleMs,
    });
    const bus = new TenantBus(redis, config.dbPrefix, logger);
    const platform: Platform = {
      config, logger, masterKey, adminPools, centralPool, central, redis, bus, pools,
      tenantCache: new TenantCache(central),
      mail: opts.mail ?? new OutboxTransport(path.join(config.dataDir, 'outbox'), logger),
      now: opts.now ?? (() => new Date()),
      async close() {
        await pools.closeAll();
        await bus.close();
        redis.disconnect();
        await Promise.all([centralPool.end(), ...[...adminPools.values()].map((p) => p.end())]);
      },
    };
    return platform;
  } catch (e) {
    await closeEarly();
    throw e;
  }
}
