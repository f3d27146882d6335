/**
 * Poke latency with 500 open sockets across two server nodes sharing one Redis: from sending a
 * push to each socket receiving its poke (an upper bound on commit-to-poke: it includes the
 * push itself, which is also reported). Prints a table; asserts nothing.
 *
 *   npx tsx bench/sync-poke.ts [--sockets 500] [--rounds 40]
 */
import WebSocket from 'ws';

import { newID } from '../shared/ids';
import { closePoke } from '../sync-server/sync/poke';
import { createTestPlatform } from '../tests/helpers/platform';
import { benchTenant, percentile, pushBody, syncPost, table } from './sync-helpers';

const socketCount = Number(process.argv[process.argv.indexOf('--sockets') + 1]) || 500;
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 40;

const b = await benchTenant('pokebench');
const second = await createTestPlatform({ prefix: b.t.prefix, dataDir: b.t.dataDir, masterKeyB64: b.t.masterKeyB64 });
const sockets: WebSocket[] = [];
const nodes = [await b.t.listen(), await second.listen()];
try {
  let waiting: ((at: number) => void)[] = [];
  for (let i = 0; i < socketCount; i++) {
    const node = nodes[i % 2]!;
    const ws = new WebSocket(`${node.url.replace('http', 'ws')}/api/sync/poke`, { headers: { host: b.host, authorization: `Bearer ${b.token}` } });
    ws.on('message', () => waiting[i]?.(performance.now()));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    sockets.push(ws);
  }

  const latencies: number[] = [];
  const pushes: number[] = [];
  const group = newID();
  const client = newID();
  for (let r = 0; r < rounds; r++) {
    const arrivals = sockets.map((_, i) => new Promise<number>((resolve) => (waiting[i] = resolve)));
    const sent = performance.now();
    const res = await syncPost(nodes[r % 2]!.url, b, '/api/sync/push', pushBody(group, client, r + 1, [{ name: 'createCompany', args: { id: newID(), name: `Poke ${r}` } }]));
    pushes.push(performance.now() - sent);
    if (res.status !== 200) throw new Error(`push answered ${res.status}`);
    for (const at of await Promise.all(arrivals)) latencies.push(at - sent);
    waiting = [];
  }
  latencies.sort((x, y) => x - y);
  pushes.sort((x, y) => x - y);
  process.stdout.write(`\nPoke latency: ${socketCount} sockets on 2 nodes, ${rounds} pushes (${latencies.length} pokes)\n`);
  process.stdout.write(table([
    ['measure', 'p50 ms', 'p99 ms', 'max ms'],
    ['push round trip', percentile(pushes, 0.5).toFixed(1), percentile(pushes, 0.99).toFixed(1), (pushes.at(-1) ?? 0).toFixed(1)],
    ['push sent -> poke received', percentile(latencies, 0.5).toFixed(1), percentile(latencies, 0.99).toFixed(1), (latencies.at(-1) ?? 0).toFixed(1)],
  ]));
  process.stdout.write('target: p99 < 100 ms\n');
} finally {
  for (const ws of sockets) ws.terminate();
  await closePoke(second.p);
  await nodes[1]!.close();
  await second.p.close();
  await b.t.cleanup();
}
