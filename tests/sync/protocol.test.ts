import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { newID } from '../../shared/ids';
import { SCHEMA_VERSION } from '../../mutators';
import { hostFetch, hostRequest } from '../../sync-server/http/host-client';
import type { RunningServer } from '../../sync-server/http/server';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import { listEntities, SyncClient } from '../../client/sync';
import { addMember, deviceFor, type Member, memberOf, waitFor } from './helpers';

let t: TestPlatform;
let server: RunningServer;
let owner: Member;
let rep: Member;
const devices: SyncClient[] = [];

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme');
  server = await t.listen();
  owner = await memberOf(t.p, 'acme', 'owner@acme.test');
  rep = await addMember(t.p, 'acme', 'rep@acme.test', ['sales_rep']);
});

afterAll(async () => {
  for (const d of devices) await d.close();
  await t.cleanup();
});

function device(m: Member, opts: { pokes?: boolean } = {}): SyncClient {
  const d = deviceFor(server, m, opts);
  devices.push(d);
  return d;
}

function post(m: Member, path: string, body: unknown, raw?: string) {
  return hostRequest(server.url, m.host, path, {
    method: 'POST',
    // A fresh connection per request: the server closes the one it refused a 413 body on.
    headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json', connection: 'close' },
    body: raw ?? JSON.stringify(body),
  });
}

function pushBody(groupID: string, clientID: string, mutations: { id: number; name: string; args: unknown }[], schemaVersion = SCHEMA_VERSION) {
  return {
    pushVersion: 1, clientGroupID: groupID, profileID: 'p', schemaVersion,
    mutations: mutations.map((m) => ({ ...m, clientID, timestamp: 1 })),
  };
}

describe('sync protocol', () => {
  it('S-1 S-16: a change made on one device reaches another by poke', async () => {
    const a = device(owner);
    const b = device(owner);
    const id = newID();
    await a.mutate.createCompany({ id, name: 'Tata Steel' });
    await waitFor(async () => (await b.rep.query((tx) => tx.get(`company/${id}`))) !== undefined, 10_000, 'company on b');
    const companies = await b.rep.query((tx) => listEntities(tx, 'company'));
    expect(companies.map((c) => c.name)).toContain('Tata Steel');
  });

  it('S-5: a mutation without permission is rolled back on the device and the queue moves on', async () => {
    const d = device(rep);
    const seen: string[] = [];
    d.onRejection((r) => seen.push(`${r.name}:${r.code}`));
    const company = newID();
    await d.mutate.createCompany({ id: company, name: 'Reliance' });
    await waitFor(async () => (await d.rep.query((tx) => tx.get(`company/${company}`))) !== undefined);
    await d.mutate.deleteCompany({ id: company });
    const contact = newID();
    await d.mutate.createContact({ id: contact, name: 'Asha', companyId: company });
    await waitFor(() => seen.length === 1, 10_000, 'rejection');
    expect(seen).toEqual(['deleteCompany:forbidden']);
    await waitFor(async () => (await d.rep.experimentalPendingMutations()).length === 0);
    // Rolled back: the company is back on the device, and the contact after it was applied.
    expect(await d.rep.query((tx) => tx.get(`company/${company}`))).toBeDefined();
    expect(await d.rep.query((tx) => tx.get(`contact/${contact}`))).toMatchObject({ name: 'Asha' });
  });

  it('S-5: unknown mutation names and invalid arguments are processed, not applied, and reported', async () => {
    const group = newID();
    const client = newID();
    const r = await post(owner, '/api/sync/push', pushBody(group, client, [
      { id: 1, name: 'dropAllTables', args: {} },
      { id: 2, name: 'createCompany', args: { id: 'x', name: '' } },
      { id: 3, name: 'createCompany', args: { id: 'ok-1', name: 'Infosys' } },
    ]));
    expect(r.status).toBe(200);
    const pull = await post(owner, '/api/sync/pull', { pullVersion: 1, clientGroupID: group, cookie: null, profileID: 'p', schemaVersion: SCHEMA_VERSION });
    const body = pull.json<{ lastMutationIDChanges: Record<string, number>; patch: { op: string; key: string; value?: { code?: string } }[] }>();
    expect(body.lastMutationIDChanges[client]).toBe(3);
    const rejections = body.patch.filter((op) => op.key.startsWith('rejection/')).map((op) => op.value?.code);
    expect(rejections).toEqual(['validation', 'validation']);
    expect(body.patch.some((op) => op.key === 'company/ok-1')).toBe(true);
    expect(body.patch.some((op) => op.key === 'company/x')).toBe(false);
  });

  it('S-3: a duplicated or old mutation is not applied twice', async () => {
    const group = newID();
    const client = newID();
    const task = newID();
    const muts = [
      { id: 1, name: 'createTask', args: { id: task, title: 'Call back' } },
      { id: 2, name: 'addComment', args: { id: newID(), taskId: task, body: 'first' } },
    ];
    for (let i = 0; i < 3; i++) expect((await post(owner, '/api/sync/push', pushBody(group, client, muts))).status).toBe(200);
    const pull = await post(owner, '/api/sync/pull', { pullVersion: 1, clientGroupID: group, cookie: null, profileID: 'p', schemaVersion: SCHEMA_VERSION });
    const body = pull.json<{ patch: { key: string; value?: { commentCount?: number } }[] }>();
    expect(body.patch.find((op) => op.key === `task/${task}`)?.value?.commentCount).toBe(1);
  });

  it('S-7: a malformed body gets 400 and an oversized one 413, writing nothing', async () => {
    expect((await post(owner, '/api/sync/push', null, '{not json')).status).toBe(400);
    expect((await post(owner, '/api/sync/push', { pushVersion: 1 })).status).toBe(400);
    const big = pushBody(newID(), newID(), [{ id: 1, name: 'createCompany', args: { id: 'big', name: 'x'.repeat(5 * 1024 * 1024) } }]);
    expect((await post(owner, '/api/sync/push', big)).status).toBe(413);
  });

  it('S-8: another user presenting a client group id is refused', async () => {
    const group = newID();
    expect((await post(owner, '/api/sync/push', pushBody(group, newID(), []))).status).toBe(200);
    const r = await post(rep, '/api/sync/push', pushBody(group, newID(), [{ id: 1, name: 'createCompany', args: { id: newID(), name: 'Stolen' } }]));
    expect(r.status).toBe(403);
    const pull = await post(rep, '/api/sync/pull', { pullVersion: 1, clientGroupID: group, cookie: null, profileID: 'p', schemaVersion: SCHEMA_VERSION });
    expect(pull.status).toBe(403);
  });

  it('S-6: an infrastructure failure answers 500, and the retried push processes the mutation once', async () => {
    const tenant = (await t.p.tenantCache.get('acme'))!;
    const admin = t.p.adminPools.get('primary')!;
    const group = newID();
    const client = newID();
    const body = pushBody(group, client, [{ id: 1, name: 'noSuchMutation', args: {} }]);
    // The rejection cannot be recorded while its table is gone: a stand-in for a broken database.
    await admin.query(`RENAME TABLE \`${tenant.dbName}\`.sync_rejection TO \`${tenant.dbName}\`.sync_rejection_away`);
    try {
      expect((await post(owner, '/api/sync/push', body)).status).toBe(500);
    } finally {
      await admin.query(`RENAME TABLE \`${tenant.dbName}\`.sync_rejection_away TO \`${tenant.dbName}\`.sync_rejection`);
    }
    expect((await post(owner, '/api/sync/push', body)).status).toBe(200);
    expect((await post(owner, '/api/sync/push', body)).status).toBe(200);
    const [rows] = await t.p.pools.get(tenant).pool.query('SELECT mutation_id FROM sync_rejection WHERE client_id = ?', [client]);
    expect(rows).toEqual([{ mutation_id: '1' }]);
  });

  it('S-13: a cookie for a client group the server never saw gets ClientStateNotFound', async () => {
    const r = await post(owner, '/api/sync/pull', { pullVersion: 1, clientGroupID: newID(), cookie: 42, profileID: 'p', schemaVersion: SCHEMA_VERSION });
    expect(r.json()).toEqual({ error: 'ClientStateNotFound' });
  });

  it('S-2: an unsupported schema version is answered with VersionNotSupported', async () => {
    const r = await post(owner, '/api/sync/push', pushBody(newID(), newID(), [], '0-old'));
    expect(r.json()).toEqual({ error: 'VersionNotSupported', versionType: 'schema' });
    const pull = await post(owner, '/api/sync/pull', { pullVersion: 1, clientGroupID: newID(), cookie: null, profileID: 'p', schemaVersion: '0-old' });
    expect(pull.json()).toEqual({ error: 'VersionNotSupported', versionType: 'schema' });
  });

  it('S-18: contacts\' email, phone and address are sealed at rest and open on the device', async () => {
    const d = device(owner);
    const id = newID();
    await d.mutate.createContact({ id, name: 'Kavya', email: 'kavya@example.in', phone: '+91 98450 12345', address: '12 Residency Road' });
    const tenant = (await t.p.tenantCache.get('acme'))!;
    await waitFor(async () => {
      const [rows] = await t.p.pools.get(tenant).pool.query('SELECT id FROM contacts WHERE id = ?', [id]);
      return (rows as unknown[]).length === 1;
    }, 10_000, 'contact on the server');
    const [rows] = await t.p.pools.get(tenant).pool.query('SELECT * FROM contacts WHERE id = ?', [id]);
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain('98450');
    expect(raw).not.toContain('kavya@');
    expect(raw).not.toContain('Residency');
    const fresh = device(owner);
    await waitFor(async () => (await fresh.rep.query((tx) => tx.get(`contact/${id}`))) !== undefined, 10_000, 'contact pulled');
    expect(await fresh.rep.query((tx) => tx.get(`contact/${id}`))).toMatchObject({ phone: '+91 98450 12345', email: 'kavya@example.in' });
  });

  it('S-2: a device on an old schema learns it must reload', async () => {
    const old = new SyncClient({
      tenant: owner.slug, userID: owner.userID, token: owner.token, baseURL: server.url, kvStore: 'mem',
      name: `old-${newID()}`, schemaVersion: '0-old', openSocket: null, fetch: hostFetch(server.url, owner.host),
    });
    devices.push(old);
    old.pullNow();
    await waitFor(() => old.getState().versionNotSupported, 10_000, 'versionNotSupported');
  });

  it('S-1: a request without a session is refused', async () => {
    const r = await hostRequest(server.url, owner.host, '/api/sync/pull', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(401);
  });
});
