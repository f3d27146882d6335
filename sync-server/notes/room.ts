import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

import type { Principal } from '../auth/sessions';
import type { TenantDb } from '../db/connect';
import type { Logger } from '../logger';
import { NoteClose } from './access';
import { RelayKind, type NoteRelay, type RelayMessage } from './relay';
import { appendNoteUpdate, compactNote, loadNote } from './store';

/** y-websocket message types (the first varuint of every frame). */
const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

/** Transaction origins that must not be written again or sent back to Redis. */
const FROM_STORE = Symbol('store');
const FROM_RELAY = Symbol('relay');

/** One open socket on a room. `canWrite` and the principal change when permissions do. */
export interface NoteConn {
  readonly ws: WebSocket;
  readonly token: string;
  principal: Principal;
  canWrite: boolean;
  alive: boolean;
  /** Awareness client ids this socket announced, removed when it leaves. */
  readonly clientIds: Set<number>;
}

export interface RoomDeps {
  readonly db: () => TenantDb;
  readonly relay: NoteRelay;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Fold appended rows into the state once this many have piled up. */
  readonly compactAfter: number;
}

/**
 * One shared document on this node: the Y.Doc, its awareness, the sockets editing it, and
 * the write queue to the tenant database. Rules:
 * 1. A socket's messages are handled only after the stored document is loaded (queued before).
 * 2. Updates from sockets are appended to the database and published to other nodes; updates
 *    from the database or other nodes are only passed on to local sockets.
 * 3. A read-only socket may ask for the document (sync step 1) but its updates are dropped.
 * 4. Presence carries the signed-in user's id and name, whatever the client claimed.
 */
export class NoteRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Map<WebSocket, NoteConn>();
  readonly ready: Promise<void>;

  private loaded = false;
  private backlog: [NoteConn, Uint8Array][] = [];
  private pending: Uint8Array[] = [];
  private writing: Promise<void> = Promise.resolve();
  private flushQueued = false;
  private rowsSinceCompact = 0;
  private heardFromRelay = false;

  constructor(
    private readonly deps: RoomDeps,
    readonly slug: string,
    readonly name: string,
    /** A previous room of the same name that is still writing; load after it is done. */
    after: Promise<void> | undefined,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin));
    this.ready = this.open(after);
  }

  get key(): string {
    return `${this.slug}/${this.name}`;
  }

  add(conn: NoteConn): void {
    this.conns.set(conn.ws, conn);
    if (this.loaded) this.greet(conn);
  }

  /** Returns true when that was the last socket. */
  remove(conn: NoteConn): boolean {
    if (!this.conns.delete(conn.ws)) return false;
    awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clientIds], null);
    return this.conns.size === 0;
  }

  receive(conn: NoteConn, data: Uint8Array): void {
    if (!this.loaded) {
      this.backlog.push([conn, data]);
      return;
    }
    try {
      this.handle(conn, data);
    } catch (e) {
      this.deps.logger.warn({ document: this.name, err: e instanceof Error ? e.message : String(e) }, 'bad note message');
      conn.ws.close(NoteClose.BadMessage, 'malformed message');
    }
  }

  /** Write what is left, compact, and let go of Redis and memory. */
  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    this.writing = this.writing.then(async () => {
      // Updates relayed from another node are that node's to write; writing the whole state
      // once more is harmless (updates are idempotent) and covers a node that died first.
      if (this.heardFromRelay && this.loaded) this.pending.push(Y.encodeStateAsUpdate(this.doc));
      await this.flush();
      if (this.rowsSinceCompact > 0) await compactNote(this.deps.db(), this.name, this.deps.now());
    });
    await this.writing.catch((e: unknown) => this.logError(e, 'closing a note failed'));
    await this.deps.relay.leave(this.slug, this.name).catch(() => undefined);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private async open(after: Promise<void> | undefined): Promise<void> {
    await after;
    // Without Redis the note still works on this node; only other nodes' editors are not heard.
    let relayed = true;
    try {
      await this.deps.relay.join(this.slug, this.name, (m) => this.onRelay(m));
    } catch (e) {
      relayed = false;
      this.logError(e, 'note relay unavailable');
    }
    const stored = await loadNote(this.deps.db(), this.name);
    Y.transact(this.doc, () => {
      for (const u of stored.updates) Y.applyUpdate(this.doc, u, FROM_STORE);
    }, FROM_STORE);
    this.rowsSinceCompact = stored.pendingRows;
    this.loaded = true;
    // Other nodes answer with what they have that the database did not (see relay.ts).
    if (relayed) {
      await this.deps.relay.publish(this.slug, this.name, RelayKind.Hello, Y.encodeStateVector(this.doc))
        .catch((e: unknown) => this.logError(e, 'note relay publish failed'));
    }
    for (const conn of this.conns.values()) this.greet(conn);
    const backlog = this.backlog;
    this.backlog = [];
    for (const [conn, data] of backlog) if (this.conns.has(conn.ws)) this.receive(conn, data);
  }

  /** Sync step 1 and the current presence, as the y-websocket client expects on connect. */
  private greet(conn: NoteConn): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeSyncStep1(e, this.doc);
    send(conn, encoding.toUint8Array(e));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) send(conn, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
  }

  private handle(conn: NoteConn, data: Uint8Array): void {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    if (type === MessageType.Sync) {
      // Rule 3: without notes.edit only the request for the document is answered.
      if (!conn.canWrite && decoding.peekVarUint(d) !== syncProtocol.messageYjsSyncStep1) return;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MessageType.Sync);
      syncProtocol.readSyncMessage(d, e, this.doc, conn);
      if (encoding.length(e) > 1) send(conn, encoding.toUint8Array(e));
    } else if (type === MessageType.Awareness) {
      const update = decoding.readVarUint8Array(d);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, stampPresence(update, conn.principal), conn);
    } else if (type === MessageType.QueryAwareness) {
      const clients = [...this.awareness.getStates().keys()];
      send(conn, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
    }
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MessageType.Sync);
    syncProtocol.writeUpdate(e, update);
    const message = encoding.toUint8Array(e);
    for (const conn of this.conns.values()) send(conn, message);

    if (origin === FROM_STORE) return;
    if (origin === FROM_RELAY) {
      this.heardFromRelay = true;
      return;
    }
    this.pending.push(update);
    this.scheduleFlush();
    this.deps.relay.publish(this.slug, this.name, RelayKind.Update, update).catch((e: unknown) => this.logError(e, 'note relay publish failed'));
  }

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    if (isConn(origin)) {
      for (const id of added) origin.clientIds.add(id);
      for (const id of removed) origin.clientIds.delete(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]);
    const message = awarenessMessage(update);
    for (const conn of this.conns.values()) send(conn, message);
    if (origin !== FROM_RELAY) {
      this.deps.relay.publish(this.slug, this.name, RelayKind.Awareness, update).catch(() => undefined);
    }
  }

  private onRelay(m: RelayMessage): void {
    try {
      if (m.kind === RelayKind.Update) Y.applyUpdate(this.doc, m.payload, FROM_RELAY);
      else if (m.kind === RelayKind.Awareness) awarenessProtocol.applyAwarenessUpdate(this.awareness, m.payload, FROM_RELAY);
      else void this.ready.then(() => this.answerHello(m.payload), () => undefined);
    } catch (e) {
      this.logError(e, 'bad note relay message');
    }
  }

  private async answerHello(stateVector: Uint8Array): Promise<void> {
    if (this.doc.isDestroyed) return;
    await this.deps.relay.publish(this.slug, this.name, RelayKind.Update, Y.encodeStateAsUpdate(this.doc, stateVector));
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) {
      await this.deps.relay.publish(this.slug, this.name, RelayKind.Awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    }
  }

  /** Updates that arrive while a write is in flight go out together in the next one. */
  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.writing = this.writing.then(() => {
      this.flushQueued = false;
      return this.flush();
    }).catch((e: unknown) => this.logError(e, 'writing a note failed'));
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const merged = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    try {
      await appendNoteUpdate(this.deps.db(), this.name, merged);
    } catch (e) {
      // Keep it for the next write; the document in memory still has it.
      this.pending.unshift(merged);
      throw e;
    }
    this.rowsSinceCompact++;
    if (this.rowsSinceCompact >= this.deps.compactAfter) {
      await compactNote(this.deps.db(), this.name, this.deps.now());
      this.rowsSinceCompact = 0;
    }
  }

  private logError(e: unknown, msg: string): void {
    this.deps.logger.error({ document: this.name, err: e instanceof Error ? e.message : String(e) }, msg);
  }
}

interface AwarenessChange {
  readonly added: number[];
  readonly updated: number[];
  readonly removed: number[];
}

function isConn(origin: unknown): origin is NoteConn {
  return typeof origin === 'object' && origin !== null && 'clientIds' in origin && 'ws' in origin;
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.Awareness);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** Rule 4: who is here is what the session says, so nobody can type under a colleague's name. */
function stampPresence(update: Uint8Array, principal: Principal): Uint8Array {
  return awarenessProtocol.modifyAwarenessUpdate(update, (state: unknown) => {
    if (typeof state !== 'object' || state === null) return state;
    const s = state as Record<string, unknown>;
    const user = typeof s.user === 'object' && s.user !== null ? s.user : {};
    return { ...s, user: { ...user, id: principal.userId, name: principal.name } };
  });
}

const OPEN = 1;

function send(conn: NoteConn, message: Uint8Array): void {
  if (conn.ws.readyState !== OPEN) return;
  conn.ws.send(message, (e) => {
    if (e) conn.ws.terminate();
  });
}
