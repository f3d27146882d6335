/**
 * Pull cost: the first sync of a tenant with 50,000 rows (paged, 2,000 rows a pull) against an
 * incremental pull after 100 changes, same tenant, same run: time, bytes and their ratios.
 * Prints a table; asserts nothing.
 *
 *   npx tsx bench/sync-pull.ts
 */
import { newID } from '../shared/ids';
import { seedDemoData } from '../sync-server/sync/seed';
import { benchTenant, pullBody, pushBody, syncPost, table } from './sync-helpers';

const b = await benchTenant('pullbench');
try {
  const server = await b.t.listen();
  const conn = b.t.p.pools.get((await b.t.p.tenantCache.get(b.slug))!);
  // 5,000 companies + 30,000 contacts + 7,500 deals + 2,500 tasks + 5,000 comments = 50,000.
  const seeded = await seedDemoData(conn, { companies: 5_000, contactsPerCompany: 6, deals: 7_500, tasks: 2_500, commentsPerTask: 2, userIDs: [b.userID] });
  const rows = Object.values(seeded).reduce((n, x) => n + x, 0);

  const group = newID();
  let cookie: number | null = null;
  let bytes = 0;
  let pages = 0;
  let ops = 0;
  const initialStart = performance.now();
  for (;;) {
    const r = await syncPost(server.url, b, '/api/sync/pull', pullBody(group, cookie));
    const body = r.json<{ cookie: number; more?: boolean; patch: unknown[] }>();
    bytes += Buffer.byteLength(r.body);
    pages++;
    ops += body.patch.length;
    cookie = body.cookie;
    if (body.more !== true) break;
  }
  const initialMs = performance.now() - initialStart;

  // 100 changes from another device: deal updates through the real push path.
  const [dealRows] = await conn.pool.query('SELECT id FROM deals LIMIT 100');
  const deals = (dealRows as { id: string }[]).map((d) => d.id);
  const push = await syncPost(server.url, b, '/api/sync/push', pushBody(newID(), newID(), 1, deals.map((id, i) => ({ name: 'updateDeal', args: { id, probability: i % 101 } }))));
  if (push.status !== 200) throw new Error(`push answered ${push.status}`);

  const incStart = performance.now();
  const inc = await syncPost(server.url, b, '/api/sync/pull', pullBody(group, cookie));
  const incMs = performance.now() - incStart;
  const incBody = inc.json<{ patch: unknown[] }>();
  const incBytes = Buffer.byteLength(inc.body);

  process.stdout.write(`\nPull: first sync of ${rows} rows vs incremental after 100 changes\n`);
  process.stdout.write(table([
    ['pull', 'requests', 'patch ops', 'ms', 'bytes', 'ratio ms', 'ratio bytes'],
    ['initial (paged)', String(pages), String(ops), initialMs.toFixed(0), String(bytes), '1', '1'],
    ['incremental', '1', String(incBody.patch.length), incMs.toFixed(1), String(incBytes), (incMs / initialMs).toFixed(4), (incBytes / bytes).toFixed(5)],
  ]));
} finally {
  await b.t.cleanup();
}
