import { z } from 'zod';

/**
 * Process configuration, read once from the environment and validated: a typo in an
 * environment variable must stop the process at start with a message, not surface later.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().default('mysql://root@127.0.0.1:3306'),
  /** Extra tenant database servers: `name=mysql://...,name2=mysql://...`. */
  FOCUS_DB_SERVERS: z.string().default(''),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  FOCUS_BASE_DOMAIN: z.string().min(1).default('localhost'),
  FOCUS_DB_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,20}$/, 'FOCUS_DB_PREFIX: lower-case letters, digits, underscore; at most 21')
    .default('focus_'),
  FOCUS_MASTER_KEY: z.string().optional(),
  FOCUS_DATA_DIR: z.string().default('.data'),
  FOCUS_TENANT_POOL_MAX: z.coerce.number().int().min(1).default(200),
  FOCUS_TENANT_POOL_CONNECTIONS: z.coerce.number().int().min(1).default(5),
  FOCUS_TENANT_POOL_IDLE_MS: z.coerce.number().int().min(1000).default(60_000),
  FOCUS_CENTRAL_URL: z.string().optional(),
  /** Trust X-Forwarded-For for the client address: only behind a proxy that sets it. */
  FOCUS_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export interface DbServer {
  readonly name: string;
  readonly url: string;
}

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly dbServers: readonly DbServer[];
  readonly redisUrl: string;
  readonly baseDomain: string;
  readonly dbPrefix: string;
  readonly masterKeyB64: string | undefined;
  readonly dataDir: string;
  readonly tenantPoolMax: number;
  readonly tenantPoolConnections: number;
  readonly tenantPoolIdleMs: number;
  readonly centralUrl: string | undefined;
  readonly logLevel: string;
  readonly trustProxy: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dbServers: parseServers(e.DATABASE_URL, e.FOCUS_DB_SERVERS),
    redisUrl: e.REDIS_URL,
    baseDomain: e.FOCUS_BASE_DOMAIN.toLowerCase(),
    dbPrefix: e.FOCUS_DB_PREFIX,
    masterKeyB64: e.FOCUS_MASTER_KEY,
    dataDir: e.FOCUS_DATA_DIR,
    tenantPoolMax: e.FOCUS_TENANT_POOL_MAX,
    tenantPoolConnections: e.FOCUS_TENANT_POOL_CONNECTIONS,
    tenantPoolIdleMs: e.FOCUS_TENANT_POOL_IDLE_MS,
    centralUrl: e.FOCUS_CENTRAL_URL,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.FOCUS_TRUST_PROXY === '1' || e.FOCUS_TRUST_PROXY === 'true',
  };
}

function parseServers(primary: string, extra: string): DbServer[] {
  const servers: DbServer[] = [{ name: 'primary', url: primary }];
  for (const part of extra.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq);
    const url = part.slice(eq + 1);
    if (eq < 1 || !/^[a-z0-9-]+$/.test(name) || !url.startsWith('mysql://')) {
      throw new Error(`Invalid configuration:\n  FOCUS_DB_SERVERS: "${part}" is not name=mysql://...`);
    }
    servers.push({ name, url });
  }
  return servers;
}
