import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { newID } from '../../shared/ids';
import { SCHEMA_VERSION } from '../../mutators';
import { revokeSession } from '../../sync-server/auth/sessions';
import { hostRequest } from '../../sync-server/http/host-client';
import type { RunningServer } from '../../sync-server/http/server';
import { closePoke } from '../../sync-server/sync/poke';
import { seedDemoData } from '../../sync-server/sync/seed';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import type { SyncClient } from '../../client/sync';
import { addMember, deviceFor, type Member, memberOf, replicaSnapshot, waitFor } from './helpers';

let a: TestPlatform;
let b: TestPlatform;
let nodeA: RunningServer;
let nodeB: RunningServer;
let alpha: Member;
let beta: Member;
const devices: SyncClient[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  a = await createTestPlatform();
  await a.tenant('alpha');
  await a.tenant('beta');
  // A second node: its own platform (pools, bus connection) on the same databases and Redis.
  b = await createTestPlatform({ prefix: a.prefix, dataDir: a.dataDir, masterKeyB64: a.masterKeyB64 });
  nodeA = await a.listen();
  nodeB = await b.listen();
  alpha = await memberOf(a.p, 'alpha', 'owner@alpha.test');
  beta = await memberOf(a.p, 'beta', 'owner@beta.test');
});

afterAll(async () => {
  for (const d of devices) await d.close();
  for (const s of sockets) s.terminate();
  await closePoke(b.p);
  await nodeB.close();
  await b.p.close();
  await a.cleanup();
});

/** A device that learns of changes only from pokes: its timed pull is 10 minutes away. */
function device(server: RunningServer, m: Member): SyncClient {
  const d = deviceFor(server, m, { pullIntervalMs: 600_000 });
  devices.push(d);
  return d;
}

function rawSocket(server: RunningServer, m: Member): { ws: WebSocket; pokes: number; open: Promise<void>; closed: Promise<number> } {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/sync/poke`, { headers: { host: m.host, authorization: `Bearer ${m.token}` } });
  sockets.push(ws);
  const out = {
    ws, pokes: 0,
    open: new Promise<void>((resolve) => ws.once('open', () => resolve())),
    closed: new Promise<number>((resolve) => ws.once('close', (code) => resolve(code))),
  };
  ws.on('message', () => out.pokes++);
  return out;
}

const has = (d: SyncClient, key: string) => d.rep.query(async (tx) => (await tx.get(key)) !== undefined);

describe('two nodes, tenant isolation, permissions', () => {
  it('S-16: a change pushed through node A reaches a device connected to node B', async () => {
    const writer = device(nodeA, alpha);
    const reader = device(nodeB, alpha);
    await waitFor(() => reader.getState().live, 10_000, 'socket on node B');
    const id = newID();
    await writer.mutate.createTask({ id, title: 'Dispatch 40 bales' });
    await waitFor(() => has(reader, `task/${id}`), 10_000, 'task on the node B device');
  });

  it('S-1 S-16: tenant A devices get neither pokes nor rows of tenant B; A\'s session is refused on B\'s host', async () => {
    const alphaSocket = rawSocket(nodeA, alpha);
    const betaSocket = rawSocket(nodeB, beta);
    // Same node as alpha's socket: once this one has the poke, alpha's would have it too.
    const betaSocketA = rawSocket(nodeA, beta);
    await Promise.all([alphaSocket.open, betaSocket.open, betaSocketA.open]);
    const alphaDevice = device(nodeA, alpha);
    const betaDevice = device(nodeB, beta);
    const id = newID();
    await betaDevice.mutate.createCompany({ id, name: 'Beta Only Ltd' });
    await waitFor(() => betaSocket.pokes > 0 && betaSocketA.pokes > 0, 10_000, 'beta pokes on both nodes');
    await alphaDevice.rep.pull({ now: true });
    expect(alphaSocket.pokes).toBe(0);
    expect(await has(alphaDevice, `company/${id}`)).toBe(false);

    const stolen = await hostRequest(nodeA.url, beta.host, '/api/sync/push', {
      method: 'POST',
      headers: { authorization: `Bearer ${alpha.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pushVersion: 1, clientGroupID: newID(), profileID: 'p', schemaVersion: SCHEMA_VERSION, mutations: [
        { clientID: newID(), id: 1, name: 'createCompany', args: { id: newID(), name: 'Planted' }, timestamp: 1 },
      ] }),
    });
    expect(stolen.status).toBe(401);
    const crossSocket = rawSocket(nodeA, { ...alpha, host: beta.host });
    expect(await crossSocket.closed).toBe(4401);
  });

  it('S-14: when a role loses deals.read, the next pull removes every deal from the replica', async () => {
    const rep = await addMember(a.p, 'alpha', 'rep@alpha.test', ['sales_rep']);
    const tenant = (await a.p.tenantCache.get('alpha'))!;
    await seedDemoData(a.p.pools.get(tenant), { companies: 3, deals: 12, tasks: 4, userIDs: [rep.userID] });
    const d = device(nodeA, rep);
    await waitFor(async () => [...(await replicaSnapshot(d)).keys()].filter((k) => k.startsWith('deal/')).length >= 12, 10_000, 'deals');

    await a.p.pools.get(tenant).pool.query("UPDATE user_roles SET role_key = 'accountant' WHERE user_id = ?", [rep.userID]);
    await a.p.bus.publish('alpha', { type: 'permissions' });
    await waitFor(async () => ![...(await replicaSnapshot(d)).keys()].some((k) => k.startsWith('deal/')), 10_000, 'deals removed');
    const keys = [...(await replicaSnapshot(d)).keys()];
    expect(keys.some((k) => k.startsWith('company/'))).toBe(true);
    const me = await d.rep.query((tx) => tx.get('meta/me')) as { permissions: string[] };
    expect(me.permissions).not.toContain('deals.read');
  });

  it('S-14: when the plan drops the tasks module, tasks and comments leave the replica', async () => {
    const d = device(nodeB, alpha);
    await waitFor(async () => [...(await replicaSnapshot(d)).keys()].some((k) => k.startsWith('comment/')), 10_000, 'comments');
    const tenant = (await a.p.tenantCache.get('alpha'))!;
    await a.p.pools.get(tenant).pool.query("DELETE FROM plan_permissions WHERE module = 'tasks'");
    await a.p.bus.publish('alpha', { type: 'permissions' });
    await waitFor(async () => ![...(await replicaSnapshot(d)).keys()].some((k) => k.startsWith('task/') || k.startsWith('comment/')), 10_000, 'tasks removed');
    const me = await d.rep.query((tx) => tx.get('meta/me')) as { modules: string[] };
    expect(me.modules).not.toContain('tasks');
  });

  it('S-17: revoking a session closes its poke socket', async () => {
    const m = await memberOf(a.p, 'beta', 'owner@beta.test');
    const s = rawSocket(nodeB, m);
    await s.open;
    const tenant = (await a.p.tenantCache.get('beta'))!;
    const [rows] = await a.p.pools.get(tenant).pool.query('SELECT id FROM sessions ORDER BY created_at DESC LIMIT 1');
    const sessionId = (rows as { id: string }[])[0]!.id;
    await revokeSession(a.p.pools.get(tenant).db, sessionId, a.p.now());
    await a.p.bus.publish('beta', { type: 'session-revoked', sessionId });
    expect(await s.closed).toBe(4401);
  });

  it('S-11 S-13: a first sync larger than a page arrives over several pulls, deletes between pages included', async () => {
    const tenant = (await a.p.tenantCache.get('beta'))!;
    await seedDemoData(a.p.pools.get(tenant), { companies: 700, contactsPerCompany: 3, deals: 0, tasks: 0, userIDs: [beta.userID] });
    const groupOfFirst = newID();
    const first = await hostRequest(nodeA.url, beta.host, '/api/sync/pull', {
      method: 'POST',
      headers: { authorization: `Bearer ${beta.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pullVersion: 1, clientGroupID: groupOfFirst, cookie: null, profileID: 'p', schemaVersion: SCHEMA_VERSION }),
    });
    const body = first.json<{ cookie: number; more?: boolean; patch: { op: string; key: string }[] }>();
    expect(body.more).toBe(true);
    expect(body.patch.filter((op) => op.key.startsWith('contact/') || op.key.startsWith('company/')).length).toBe(2_000);

    // A row sent on page 1 and deleted before the last page must still be deleted on the device.
    const sent = body.patch.find((op) => op.key.startsWith('contact/'))!.key;
    const pushed = await hostRequest(nodeA.url, beta.host, '/api/sync/push', {
      method: 'POST',
      headers: { authorization: `Bearer ${beta.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pushVersion: 1, clientGroupID: newID(), profileID: 'p', schemaVersion: SCHEMA_VERSION, mutations: [
        { clientID: newID(), id: 1, name: 'deleteContact', args: { id: sent.slice('contact/'.length) }, timestamp: 1 },
      ] }),
    });
    expect(pushed.status).toBe(200);
    const later: { op: string; key: string }[] = [];
    let cookie = body.cookie;
    for (let more = true; more;) {
      const page = await hostRequest(nodeA.url, beta.host, '/api/sync/pull', {
        method: 'POST',
        headers: { authorization: `Bearer ${beta.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ pullVersion: 1, clientGroupID: groupOfFirst, cookie, profileID: 'p', schemaVersion: SCHEMA_VERSION }),
      });
      const next = page.json<{ cookie: number; more?: boolean; patch: { op: string; key: string }[] }>();
      later.push(...next.patch);
      cookie = next.cookie;
      more = next.more === true;
    }
    expect(later).toContainEqual({ op: 'del', key: sent });

    const d = device(nodeA, beta);
    await waitFor(async () => [...(await replicaSnapshot(d)).keys()].filter((k) => k.startsWith('contact/')).length === 2_099, 20_000, 'all contacts');
  });
});
