import 'fake-indexeddb/auto';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';

import { openNote, type OpenNote } from '../../client/notes/note-doc';
import { findSession, revokeSession } from '../../sync-server/auth/sessions';
import { noteDocuments, noteUpdates } from '../../sync-server/db/tenant/notes';
import type { RunningServer } from '../../sync-server/http/server';
import { closeNotes } from '../../sync-server/notes/notes-server';
import { appendNoteUpdate, compactNote, loadNote } from '../../sync-server/notes/store';
import { setTenantStatus } from '../../sync-server/tenancy/provision';
import { createTestPlatform, type TestPlatform } from '../helpers/platform';
import { closeCodeOf, nodeNote, notesUrl, seedOwners, sessionToken, userWithRoles, waitFor, wsFor } from './note-clients';

/**
 * The notes socket end to end: real server, real y-websocket clients, the tenant database
 * and Redis. Rule numbers refer to sync-server/notes/room.ts.
 */
let t: TestPlatform;
let server: RunningServer;
let acmeOwner: string;
let globexOwner: string;
const open: OpenNote[] = [];

function note(srv: RunningServer, token: string | null, doc: string, host = 'acme.localhost'): OpenNote {
  const n = nodeNote(srv.port, host, token, doc);
  open.push(n);
  return n;
}

const text = (n: OpenNote) => n.ydoc.getText('body').toString();

beforeAll(async () => {
  t = await createTestPlatform();
  await t.tenant('acme');
  await t.tenant('globex');
  await seedOwners(t.p, 'acme', { tasks: ['converge', 'offline', 'fuzz', 'shared', 'readonly', 'presence', 'restart', '1'], deals: ['1', 'multinode'] });
  await seedOwners(t.p, 'acme', { tasks: ['gone'], deleted: true });
  await seedOwners(t.p, 'globex', { tasks: ['shared', 'suspend', '1'] });
  server = await t.listen();
  acmeOwner = await sessionToken(t.p, 'acme', 'owner@acme.test');
  globexOwner = await sessionToken(t.p, 'globex', 'owner@globex.test');
});

afterAll(async () => {
  for (const n of open) await n.destroy();
  await closeNotes(t.p);
  await t.cleanup();
});

describe('notes socket', () => {
  it('two clients typing at once converge', async () => {
    const a = note(server, acmeOwner, 'task-converge');
    const b = note(server, acmeOwner, 'task-converge');
    await Promise.all([a.whenSynced, b.whenSynced]);

    for (let i = 0; i < 20; i++) {
      a.ydoc.getText('body').insert(0, `a${i};`);
      b.ydoc.getText('body').insert(text(b).length, `b${i};`);
    }

    await waitFor(() => text(a) === text(b) && text(a).length === 2 * (20 * 3 + 10), 'convergence');
    for (let i = 0; i < 20; i++) {
      expect(text(a)).toContain(`a${i};`);
      expect(text(a)).toContain(`b${i};`);
    }
  });

  it('keeps two tenants\' documents of the same name apart', async () => {
    const acme = note(server, acmeOwner, 'task-shared');
    const globex = note(server, globexOwner, 'task-shared', 'globex.localhost');
    await Promise.all([acme.whenSynced, globex.whenSynced]);
    acme.ydoc.getText('body').insert(0, 'acme secret');
    globex.ydoc.getText('body').insert(0, 'globex');
    const acmeReader = note(server, acmeOwner, 'task-shared');
    await waitFor(() => text(acmeReader) === 'acme secret', 'acme reader');
    expect(text(globex)).toBe('globex');
  });

  it('refuses a session of another tenant with 4401', async () => {
    expect(await closeCodeOf(server.port, 'acme.localhost', globexOwner, 'task-1')).toBe(4401);
    expect(await closeCodeOf(server.port, 'globex.localhost', acmeOwner, 'task-1')).toBe(4401);
  });

  it('refuses no session, a bad name, and a host that is no tenant', async () => {
    expect(await closeCodeOf(server.port, 'acme.localhost', null, 'task-1')).toBe(4401);
    expect(await closeCodeOf(server.port, 'acme.localhost', acmeOwner, 'invoice-1')).toBe(4404);
    expect(await closeCodeOf(server.port, 'acme.localhost', acmeOwner, 'task-..%2F..')).toBe(4404);
    expect(await closeCodeOf(server.port, 'nosuch.localhost', acmeOwner, 'task-1')).toBe(4404);
  });

  it('refuses a task that does not exist or was deleted with 4404', async () => {
    expect(await closeCodeOf(server.port, 'acme.localhost', acmeOwner, 'task-missing')).toBe(4404);
    expect(await closeCodeOf(server.port, 'acme.localhost', acmeOwner, 'task-gone')).toBe(4404);
    // Another tenant's task of a name this tenant lacks is unknown here, not forbidden.
    expect(await closeCodeOf(server.port, 'acme.localhost', acmeOwner, 'task-suspend')).toBe(4404);
  });

  it('refuses a user without the read permission with 4403, and the client stops', async () => {
    const nobody = await userWithRoles(t.p, 'acme', 'nobody@acme.test', []);
    expect(await closeCodeOf(server.port, 'acme.localhost', nobody, 'task-1')).toBe(4403);

    // The accountant reads tasks but not deals.
    const accountant = await userWithRoles(t.p, 'acme', 'books@acme.test', ['accountant']);
    const n = note(server, accountant, 'deal-1');
    await waitFor(() => n.refusal() !== null, 'refusal');
    expect(n.refusal()?.code).toBe(4403);
    expect(n.provider.shouldConnect).toBe(false);
  });

  it('rule 3: a read-only user receives the note but its edits are dropped', async () => {
    const reader = await userWithRoles(t.p, 'acme', 'reader@acme.test', ['accountant']);
    const writer = note(server, acmeOwner, 'task-readonly');
    const ro = note(server, reader, 'task-readonly');
    await Promise.all([writer.whenSynced, ro.whenSynced]);

    writer.ydoc.getText('body').insert(0, 'from the writer');
    await waitFor(() => text(ro) === 'from the writer', 'reader receives');

    ro.ydoc.getText('body').insert(0, 'sneaky ');
    // Awareness goes through the server after the edit on the same socket: once the writer sees
    // it, the server has handled (and dropped) the edit.
    ro.awareness.setLocalStateField('marker', 'after-edit');
    await waitFor(() => [...writer.awareness.getStates().values()].some((s) => s.marker === 'after-edit'), 'marker');
    expect(text(writer)).toBe('from the writer');
  });

  it('rule 4: presence carries the signed-in user, not what the client claims', async () => {
    const a = note(server, acmeOwner, 'task-presence');
    const b = note(server, acmeOwner, 'task-presence');
    await Promise.all([a.whenSynced, b.whenSynced]);
    a.awareness.setLocalStateField('user', { name: 'Someone Else', color: '#f00' });
    await waitFor(() => b.awareness.getStates().get(a.ydoc.clientID)?.user !== undefined, 'presence');
    const user = b.awareness.getStates().get(a.ydoc.clientID)?.user as { name: string; color: string };
    expect(user.name).toBe('acme Ltd');
    expect(user.color).toBe('#f00');
  });

  it('opens offline from the device cache and merges edits on reconnect', async () => {
    const device = (connect: boolean) => {
      const n = openNote({
        doc: 'task-offline', url: notesUrl(server.port), cacheScope: 'owner', crossTab: false, connect,
        WebSocketPolyfill: wsFor('acme.localhost', acmeOwner),
      });
      open.push(n);
      return n;
    };
    const offline = device(false);
    await offline.whenCached;
    offline.ydoc.getText('body').insert(0, 'typed offline. ');
    await offline.destroy();

    const colleague = note(server, acmeOwner, 'task-offline');
    await colleague.whenSynced;
    colleague.ydoc.getText('body').insert(0, 'typed online. ');

    const reopened = device(false);
    await reopened.whenCached;
    expect(text(reopened)).toBe('typed offline. ');
    reopened.provider.connect();
    await waitFor(() => text(reopened) === text(colleague) && text(colleague).length === 29, 'merge on reconnect');
    expect(text(colleague)).toContain('typed offline. ');
    expect(text(colleague)).toContain('typed online. ');
  });

  it('converges under random edits and disconnects (seed 7)', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const peers = [note(server, acmeOwner, 'task-fuzz'), note(server, acmeOwner, 'task-fuzz'), note(server, acmeOwner, 'task-fuzz')];
    await Promise.all(peers.map((n) => n.whenSynced));
    for (let step = 0; step < 150; step++) {
      const peer = peers[Math.floor(random() * peers.length)]!;
      const body = peer.ydoc.getText('body');
      const roll = random();
      if (roll < 0.1) {
        if (peer.provider.wsconnected) peer.provider.disconnect();
        else peer.provider.connect();
      } else if (roll < 0.3 && body.length > 0) {
        const at = Math.floor(random() * body.length);
        body.delete(at, Math.min(3, body.length - at));
      } else {
        body.insert(Math.floor(random() * (body.length + 1)), String.fromCharCode(97 + Math.floor(random() * 26)));
      }
      if (step % 10 === 0) await new Promise((r) => setImmediate(r));
    }
    for (const n of peers) n.provider.connect();
    await waitFor(() => peers.every((n) => n.provider.synced && text(n) === text(peers[0]!)), 'fuzz convergence');
    const late = note(server, acmeOwner, 'task-fuzz');
    await late.whenSynced;
    await waitFor(() => text(late) === text(peers[0]!), 'late joiner');
  });

  it('compaction folds appended rows into the state and keeps the document', async () => {
    const tenant = (await t.p.tenantCache.get('acme'))!;
    const db = t.p.pools.get(tenant).db;
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const word of ['one ', 'two ', 'three']) doc.getText('body').insert(doc.getText('body').length, word);
    for (const u of updates) await appendNoteUpdate(db, 'task-compact', u);

    await compactNote(db, 'task-compact', t.p.now());
    const stored = await loadNote(db, 'task-compact');
    expect(stored.pendingRows).toBe(0);
    expect(stored.updates).toHaveLength(1);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, stored.updates[0]!);
    expect(restored.getText('body').toString()).toBe('one two three');

    await compactNote(db, 'task-compact', t.p.now());
    expect((await loadNote(db, 'task-compact')).updates).toHaveLength(1);
  });

  it('converges across two server nodes over Redis', async () => {
    const node2 = await createTestPlatform({ prefix: t.prefix, dataDir: t.dataDir, masterKeyB64: t.masterKeyB64 });
    const server2 = await node2.listen();
    try {
      const a = note(server, acmeOwner, 'deal-multinode');
      const b = note(server2, acmeOwner, 'deal-multinode');
      await Promise.all([a.whenSynced, b.whenSynced]);
      for (let i = 0; i < 10; i++) {
        a.ydoc.getText('body').insert(0, `x${i}`);
        b.ydoc.getText('body').insert(0, `y${i}`);
      }
      await waitFor(() => text(a) === text(b) && text(a).length === 40, 'cross-node convergence');
    } finally {
      await closeNotes(node2.p);
      await server2.close();
      await node2.p.close();
    }
  });

  it('survives a server restart, compacted into one state row', async () => {
    const first = await createTestPlatform({ prefix: t.prefix, dataDir: t.dataDir, masterKeyB64: t.masterKeyB64 });
    const s1 = await first.listen();
    const writer = nodeNote(s1.port, 'acme.localhost', acmeOwner, 'task-restart');
    await writer.whenSynced;
    writer.ydoc.getText('body').insert(0, 'written before the restart');
    await waitFor(async () => (await rowCount(first, 'task-restart')) > 0, 'update written');
    await writer.destroy();
    await closeNotes(first.p);
    await s1.close();
    await first.p.close();

    const tenant = (await t.p.tenantCache.get('acme'))!;
    const db = t.p.pools.get(tenant).db;
    await waitFor(async () => (await db.select().from(noteDocuments).where(eq(noteDocuments.name, 'task-restart'))).length === 1, 'state row');
    expect(await db.select().from(noteUpdates).where(eq(noteUpdates.name, 'task-restart'))).toEqual([]);

    const second = await createTestPlatform({ prefix: t.prefix, dataDir: t.dataDir, masterKeyB64: t.masterKeyB64 });
    const s2 = await second.listen();
    try {
      const reader = nodeNote(s2.port, 'acme.localhost', acmeOwner, 'task-restart');
      open.push(reader);
      await reader.whenSynced;
      await waitFor(() => text(reader) === 'written before the restart', 'restored note');
    } finally {
      for (const n of open.splice(open.length - 1)) await n.destroy();
      await closeNotes(second.p);
      await s2.close();
      await second.p.close();
    }
  });

  it('closes a socket at once when its session is revoked', async () => {
    const token = await sessionToken(t.p, 'acme', 'owner@acme.test');
    const n = note(server, token, 'task-1');
    await n.whenSynced;
    const tenant = (await t.p.tenantCache.get('acme'))!;
    const principal = (await findSession(t.p.pools.get(tenant).db, token, t.p.now()))!;
    await revokeSession(t.p.pools.get(tenant).db, principal.sessionId, t.p.now());
    await t.p.bus.publish('acme', { type: 'session-revoked', sessionId: principal.sessionId });
    await waitFor(() => n.refusal() !== null, 'closed on revocation');
    expect(n.refusal()?.code).toBe(4401);
  });

  it('closes open sockets with 4423 when the tenant is suspended', async () => {
    const n = note(server, globexOwner, 'task-suspend', 'globex.localhost');
    await n.whenSynced;
    await setTenantStatus(t.p, 'globex', 'suspended');
    await waitFor(() => n.refusal() !== null, 'closed on suspension');
    expect(n.refusal()?.code).toBe(4423);
    expect(await closeCodeOf(server.port, 'globex.localhost', globexOwner, 'task-1')).toBe(4423);
  });
});

async function rowCount(tp: TestPlatform, name: string): Promise<number> {
  const tenant = (await tp.p.tenantCache.get('acme'))!;
  const db = tp.p.pools.get(tenant).db;
  const rows = await db.select({ id: noteUpdates.id }).from(noteUpdates).where(eq(noteUpdates.name, name));
  const docs = await db.select({ name: noteDocuments.name }).from(noteDocuments).where(eq(noteDocuments.name, name));
  return rows.length + docs.length;
}
