/**
 * Push throughput: mutations per second through POST /api/sync/push (each mutation its own
 * transaction, as the protocol requires) against raw mysql2 inserts of the same rows, one
 * transaction each, on the same tenant database in the same run. Prints a table; asserts nothing.
 *
 *   npx tsx bench/sync-push.ts [--mutations 2000]
 */
import { newID } from '../shared/ids';
import { TABLES, toRow } from '../sync-server/sync/tables';
import { benchTenant, pushBody, syncPost, table } from './sync-helpers';

const count = Number(process.argv[process.argv.indexOf('--mutations') + 1]) || 2_000;
const perPush = 100;

const b = await benchTenant('pushbench');
try {
  const server = await b.t.listen();
  const conn = b.t.p.pools.get((await b.t.p.tenantCache.get(b.slug))!);
  const now = new Date().toISOString();
  const company = (i: number) => ({ id: newID(), name: `Company ${i}`, gstin: null, website: null, industry: 'Steel', createdAt: now, updatedAt: now });

  // Raw: the same row shape, one INSERT per transaction, straight through mysql2.
  const rawStart = performance.now();
  const c = await conn.pool.getConnection();
  try {
    for (let i = 0; i < count; i++) {
      const { columns, values } = toRow(TABLES.company, company(i), conn.dataKey);
      await c.query('START TRANSACTION');
      await c.query(`INSERT INTO companies (${[...columns, 'version'].join(', ')}) VALUES (?)`, [[...values, 0]]);
      await c.query('COMMIT');
    }
  } finally {
    c.release();
  }
  const rawMs = performance.now() - rawStart;

  const group = newID();
  const client = newID();
  const pushStart = performance.now();
  for (let i = 0; i < count; i += perPush) {
    const batch = Array.from({ length: Math.min(perPush, count - i) }, (_, j) => {
      const { createdAt: _c, updatedAt: _u, ...args } = company(i + j);
      return { name: 'createCompany', args };
    });
    const r = await syncPost(server.url, b, '/api/sync/push', pushBody(group, client, i + 1, batch));
    if (r.status !== 200) throw new Error(`push answered ${r.status}: ${r.body}`);
  }
  const pushMs = performance.now() - pushStart;

  const rawRate = count / (rawMs / 1000);
  const pushRate = count / (pushMs / 1000);
  process.stdout.write(`\nPush throughput (${count} createCompany, ${perPush} per push)\n`);
  process.stdout.write(table([
    ['path', 'total ms', 'mutations/s', 'ratio to raw'],
    ['raw mysql2 insert, 1 tx each', rawMs.toFixed(0), rawRate.toFixed(0), '1.00'],
    ['POST /api/sync/push', pushMs.toFixed(0), pushRate.toFixed(0), (pushRate / rawRate).toFixed(2)],
  ]));
  process.stdout.write('target: ratio >= 0.5\n');
} finally {
  await b.t.cleanup();
}
