import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { Hono } from 'hono';

import { loadConfig, type Config } from '../../sync-server/config';
import { createApp } from '../../sync-server/http/app';
import { startServer, type RunningServer } from '../../sync-server/http/server';
import type { AppEnv } from '../../sync-server/http/tenant-context';
import { upgradeRoutes } from '../../sync-server/http/upgrades';
import { silentLogger, type Logger } from '../../sync-server/logger';
import { createPlatform, type Platform } from '../../sync-server/platform/platform';
import { provisionTenant, type ProvisionInput } from '../../sync-server/tenancy/provision';

/**
 * One isolated platform per test file: its own database prefix (so its own central and
 * tenant databases and users), its own data directory and master key. `cleanup` drops all of
 * it. Tests talk to the real MariaDB and Redis.
 */
export interface TestPlatform {
  readonly p: Platform;
  readonly app: Hono<AppEnv>;
  readonly config: Config;
  readonly prefix: string;
  readonly dataDir: string;
  readonly masterKeyB64: string;
  /** Provision a tenant with an owner; device approval off unless asked for. */
  tenant(slug: string, overrides?: Partial<ProvisionInput>): Promise<TestTenant>;
  /** In-process request with a Host header (no port opened). */
  request(host: string, path: string, init?: RequestInit): Promise<Response>;
  /** A real listening server with WebSocket routes, on a random port. */
  listen(): Promise<RunningServer>;
  /** Messages written to the outbox, oldest first. */
  outbox(): { to: string; subject: string; text: string }[];
  cleanup(): Promise<void>;
}

export interface TestTenant {
  readonly slug: string;
  readonly host: string;
  readonly ownerEmail: string;
  readonly ownerPassword: string;
}

export interface TestPlatformOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly logger?: Logger;
  readonly masterKeyB64?: string;
  readonly prefix?: string;
  readonly dataDir?: string;
  /** The platform clock, for tests that move time (code expiry, session expiry). */
  readonly now?: () => Date;
}

export function testEnv(opts: TestPlatformOptions = {}) {
  const prefix = opts.prefix ?? `ft${randomBytes(4).toString('hex')}_`;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'focus-test-'));
  const masterKeyB64 = opts.masterKeyB64 ?? randomBytes(32).toString('base64');
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    FOCUS_DB_PREFIX: prefix,
    FOCUS_DATA_DIR: dataDir,
    FOCUS_MASTER_KEY: masterKeyB64,
    FOCUS_BASE_DOMAIN: 'localhost',
    LOG_LEVEL: 'silent',
    ...opts.env,
  };
  return { prefix, dataDir, masterKeyB64, env };
}

export async function createTestPlatform(opts: TestPlatformOptions = {}): Promise<TestPlatform> {
  const { prefix, dataDir, masterKeyB64, env } = testEnv(opts);
  const config = loadConfig(env);
  const p = await createPlatform({ config, logger: opts.logger ?? silentLogger(), ...(opts.now ? { now: opts.now } : {}) });
  const app = createApp(p);
  const servers: RunningServer[] = [];
  return {
    p, app, config, prefix, dataDir, masterKeyB64,
    async tenant(slug, overrides = {}) {
      const input = {
        slug, name: `${slug} Ltd`, plan: 'enterprise', ownerEmail: `owner@${slug}.test`,
        ownerPassword: 'correct-horse-battery', deviceApproval: false, ...overrides,
      };
      const r = await provisionTenant(p, input);
      if (!r.ok) throw r.error;
      return { slug, host: `${slug}.localhost`, ownerEmail: input.ownerEmail, ownerPassword: input.ownerPassword };
    },
    async request(host, urlPath, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('host', host);
      return app.request(`http://${host}${urlPath}`, { ...init, headers });
    },
    async listen() {
      const s = await startServer(p, { port: 0, host: '127.0.0.1', upgrades: upgradeRoutes(p) });
      servers.push(s);
      return s;
    },
    outbox() {
      const dir = path.join(dataDir, 'outbox');
      let files: string[] = [];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
      } catch {
        return [];
      }
      return files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { to: string; subject: string; text: string });
    },
    async cleanup() {
      await Promise.all(servers.map((s) => s.close()));
      await dropPrefix(p, prefix);
      await p.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function dropPrefix(p: Platform, prefix: string): Promise<void> {
  const admin = p.adminPools.get('primary')!;
  const [dbs] = await admin.query(`SHOW DATABASES LIKE '${prefix.replace(/_/g, '\\_')}%'`);
  for (const row of dbs as Record<string, string>[]) await admin.query(`DROP DATABASE \`${Object.values(row)[0]}\``);
  const [users] = await admin.query(`SELECT CONVERT(User USING utf8mb4) AS name FROM mysql.user WHERE User LIKE ?`, [`${prefix.replace(/_/g, '\\_')}%`]);
  for (const u of users as { name: string }[]) await admin.query(`DROP USER IF EXISTS ?@'%'`, [u.name]);
  const keys = await p.redis.keys(`${prefix}*`);
  if (keys.length > 0) await p.redis.del(...keys);
}
