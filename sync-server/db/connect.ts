import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql from 'mysql2/promise';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as centralSchema from './central-schema';
import * as tenantSchema from './tenant-schema';

export type CentralDb = MySql2Database<typeof centralSchema>;
export type TenantDb = MySql2Database<typeof tenantSchema>;
export type Pool = mysql.Pool;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CENTRAL_MIGRATIONS = path.join(root, 'migrations/central');
export const TENANT_MIGRATIONS = path.join(root, 'migrations/tenant');

export interface PoolOptions {
  readonly url: string;
  readonly database?: string;
  readonly user?: string;
  readonly password?: string;
  readonly connectionLimit?: number;
  readonly idleTimeoutMs?: number;
}

/** A mysql2 pool. Dates stay in UTC and big integers come back as strings, never lossy floats. */
export function createPool(opts: PoolOptions): Pool {
  const u = new URL(opts.url);
  return mysql.createPool({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: opts.user ?? decodeURIComponent(u.username || 'root'),
    password: opts.password ?? decodeURIComponent(u.password),
    ...(opts.database !== undefined ? { database: opts.database } : {}),
    connectionLimit: opts.connectionLimit ?? 5,
    maxIdle: 1,
    idleTimeout: opts.idleTimeoutMs ?? 60_000,
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    charset: 'utf8mb4_unicode_ci',
    enableKeepAlive: true,
  });
}

export function centralDb(pool: Pool): CentralDb {
  return drizzle(pool, { schema: centralSchema, mode: 'default' });
}

export function tenantDb(pool: Pool): TenantDb {
  return drizzle(pool, { schema: tenantSchema, mode: 'default' });
}

/**
 * Apply pending migrations from a folder. MariaDB commits DDL implicitly, so a migration that
 * fails half-way is not rolled back.
 * Limitation: a half-applied migration needs an operator; write each migration so that it is
 * one DDL statement or safe to re-run.
 */
export async function runMigrations(pool: Pool, folder: string): Promise<void> {
  await migrate(drizzle(pool), { migrationsFolder: folder });
}

/** Quote a MariaDB identifier. Only names this code generated from validated slugs reach it. */
export function ident(name: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Refusing unsafe identifier ${name}`);
  return `\`${name}\``;
}
