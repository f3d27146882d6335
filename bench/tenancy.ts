/**
 * Provisioning and migration benchmarks. Prints a table; asserts nothing. Ratios compare
 * against a baseline measured in the same run (one bare CREATE DATABASE + CREATE USER), because
 * these machines are noisy.
 *
 *   npx tsx bench/tenancy.ts [--tenants 200]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { loadConfig } from '../sync-server/config';
import { createLogger } from '../sync-server/logger';
import { createPlatform } from '../sync-server/platform/platform';
import { migrateTenants } from '../sync-server/tenancy/migrate-all';
import { provisionTenant } from '../sync-server/tenancy/provision';
import { folderWithExtraMigrations } from '../tests/helpers/migrations';
import { dropPrefix } from '../tests/helpers/platform';

const count = Number(process.argv[process.argv.indexOf('--tenants') + 1]) || 200;
const prefix = `fb${randomBytes(3).toString('hex')}_`;
const config = loadConfig({
  ...process.env,
  FOCUS_DB_PREFIX: prefix,
  FOCUS_MASTER_KEY: randomBytes(32).toString('base64'),
  FOCUS_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'focus-bench-')),
  FOCUS_TENANT_POOL_CONNECTIONS: '2',
});
const p = await createPlatform({ config, logger: createLogger({ level: 'warn' }) });

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

try {
  const admin = p.adminPools.get('primary')!;
  const baseline = await timed(async () => {
    await admin.query(`CREATE DATABASE \`${prefix}baseline\``);
    await admin.query(`CREATE USER '${prefix}baseline'@'%' IDENTIFIED BY 'x-${randomBytes(8).toString('hex')}'`);
  });

  const single: number[] = [];
  for (let i = 0; i < 5; i++) {
    single.push(await timed(async () => {
      const r = await provisionTenant(p, { slug: `one${i}`, name: 'Bench', plan: 'growth', ownerEmail: 'o@bench.test', ownerPassword: 'a-long-password', deviceApproval: false });
      if (!r.ok) throw r.error;
    }));
  }
  single.sort((a, b) => a - b);
  const median = single[2]!;

  process.stdout.write(`Provisioning ${count} tenants for the migration runs...\n`);
  for (let i = 0; i < count; i++) {
    const r = await provisionTenant(p, { slug: `b${i}`, name: 'Bench', plan: 'starter', ownerEmail: 'o@bench.test', ownerPassword: 'a-long-password', deviceApproval: false });
    if (!r.ok) throw r.error;
  }
  const rows: [string, string, string][] = [
    ['baseline: bare CREATE DATABASE + USER', baseline.toFixed(1), '1.00'],
    ['provision one tenant (median of 5; target < 2000 ms)', median.toFixed(1), (median / baseline).toFixed(2)],
  ];
  // Each run applies one new migration (an added table and index) to every tenant, as a deploy does.
  let c1 = 0;
  const extra: [string, string][] = [];
  for (const concurrency of [1, 4, 8]) {
    extra.push([`9${concurrency}00_bench`, `CREATE TABLE \`bench_c${concurrency}\` (\`id\` int PRIMARY KEY, \`v\` varchar(40), KEY (\`v\`));`]);
    const folder = folderWithExtraMigrations(extra);
    const ms = await timed(async () => {
      const results = await migrateTenants(p, { concurrency, folder });
      if (results.some((r) => !r.ok)) throw new Error('a bench migration failed');
    });
    if (concurrency === 1) c1 = ms;
    rows.push([`migrate ${count} tenants (one new migration), concurrency ${concurrency}`, ms.toFixed(1), (ms / c1).toFixed(2)]);
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`\n${'case'.padEnd(w)}  ${'ms'.padStart(9)}  ratio\n`);
  for (const [name, ms, ratio] of rows) process.stdout.write(`${name.padEnd(w)}  ${ms.padStart(9)}  ${ratio}\n`);
} finally {
  await dropPrefix(p, prefix);
  await p.close();
}
