import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import { findSession } from '../auth/sessions';
import type { Site } from '../http/host';
import type { UpgradeRoute } from '../http/server';
import type { BusEvent } from '../platform/bus';
import type { Platform } from '../platform/platform';
import type { TenantRecord } from '../tenancy/tenant-record';
import { authorizeNote, NoteClose, noteRights, type NoteAccess } from './access';
import { documentFromPath, type NoteDocumentName } from './document-name';
import { NoteRelay } from './relay';
import { NoteRoom, type NoteConn } from './room';

export const NOTES_PATH = '/api/notes/';

const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;
const COMPACT_AFTER = 100;

/**
 * The y-websocket endpoint for collaborative notes. Rooms are keyed `<tenant>/<document>`, so
 * two tenants' `task-1` never share a document, and each room reads and writes only through
 * its own tenant's pool. A refused socket is accepted, then closed with a 44xx code.
 * Built on y-protocols rather than @y/websocket-server's utils: those keep one module-wide
 * room map and persistence hook (every platform in a process would share rooms, and one store
 * would serve all tenants), answer before the stored state is loaded, and have no read-only mode.
 */
export class NotesServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly rooms = new Map<string, NoteRoom>();
  /** Rooms still writing after their last socket left; a new room of that name waits. */
  private readonly closing = new Map<string, Promise<void>>();
  private readonly watches = new Map<string, { rooms: number; stop: Promise<() => Promise<void>> }>();
  private readonly relay: NoteRelay;
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly p: Platform) {
    const nodeId = randomBytes(8).toString('hex');
    this.relay = new NoteRelay(p.redis, p.config.dbPrefix, nodeId, p.logger);
    this.heartbeat = setInterval(() => this.checkAlive(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  route(): UpgradeRoute {
    return {
      path: NOTES_PATH,
      prefix: true,
      handle: (req, socket, head, site) => void this.upgrade(req, socket, head, site),
    };
  }

  /** Close every socket, write every open document, and stop listening to Redis. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const room of [...this.rooms.values()]) {
      for (const conn of [...room.conns.values()]) {
        conn.ws.close(1001, 'server shutting down');
        this.leave(room, conn);
      }
    }
    await Promise.all([...this.closing.values()]);
    for (const w of this.watches.values()) await (await w.stop)().catch(() => undefined);
    this.watches.clear();
    this.relay.close();
    this.wss.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, site: Site): Promise<void> {
    socket.on('error', () => socket.destroy());
    const doc = documentFromPath(req.url ?? '', NOTES_PATH);
    let access: NoteAccess;
    try {
      access = await authorizeNote(this.p, site, req.headers, doc);
    } catch (e) {
      this.p.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'note authorisation failed');
      socket.destroy();
      return;
    }
    if (this.closed || socket.destroyed) {
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (!access.ok || !doc) {
        ws.close(access.ok ? NoteClose.NotFound : access.code, access.ok ? 'unknown document' : access.reason);
        return;
      }
      this.attach(ws, access, doc);
    });
  }

  private attach(ws: WebSocket, access: Extract<NoteAccess, { ok: true }>, doc: NoteDocumentName): void {
    const conn: NoteConn = {
      ws, token: access.token, principal: access.principal, canWrite: access.canWrite, alive: true, clientIds: new Set(),
    };
    const room = this.roomFor(access.tenant, doc.name);
    room.add(conn);
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: RawData) => room.receive(conn, toBytes(data)));
    ws.on('pong', () => (conn.alive = true));
    ws.on('close', () => this.leave(room, conn));
    ws.on('error', () => ws.terminate());
  }

  private roomFor(tenant: TenantRecord, name: string): NoteRoom {
    const key = `${tenant.slug}/${name}`;
    const existing = this.rooms.get(key);
    if (existing) return existing;
    const room = new NoteRoom(
      {
        // Asked for on every write: the pool registry may have closed an idle pool since.
        db: () => this.p.pools.get(tenant).db,
        relay: this.relay,
        logger: this.p.logger.child({ tenant: tenant.slug }),
        now: this.p.now,
        compactAfter: COMPACT_AFTER,
      },
      tenant.slug,
      name,
      this.closing.get(key),
    );
    this.rooms.set(key, room);
    this.watch(tenant.slug, +1);
    room.ready.catch((e: unknown) => {
      this.p.logger.error({ tenant: tenant.slug, document: name, err: e instanceof Error ? e.message : String(e) }, 'opening a note failed');
      // 1011 is transient for the client: it reconnects with backoff and gets a fresh room.
      for (const conn of [...room.conns.values()]) {
        conn.ws.close(1011, 'note unavailable');
        this.leave(room, conn);
      }
    });
    return room;
  }

  private leave(room: NoteRoom, conn: NoteConn): void {
    if (!room.remove(conn)) return;
    if (this.rooms.get(room.key) !== room) return;
    this.rooms.delete(room.key);
    const done = room.close().finally(() => {
      if (this.closing.get(room.key) === done) this.closing.delete(room.key);
      this.watch(room.slug, -1);
    });
    this.closing.set(room.key, done);
  }

  /** Follow a tenant's bus while it has open rooms, to act on revocations at once. */
  private watch(slug: string, delta: 1 | -1): void {
    const w = this.watches.get(slug);
    if (delta === 1) {
      if (w) w.rooms++;
      else this.watches.set(slug, { rooms: 1, stop: this.p.bus.subscribe(slug, (s, e) => void this.onBus(s, e)) });
      return;
    }
    if (!w || --w.rooms > 0) return;
    this.watches.delete(slug);
    void w.stop.then((stop) => stop()).catch(() => undefined);
  }

  /**
   * A revoked session, changed permissions or a suspended tenant take effect on open sockets,
   * not only on the next connect.
   */
  private async onBus(slug: string, event: BusEvent): Promise<void> {
    if (event.type !== 'session-revoked' && event.type !== 'permissions' && event.type !== 'tenant-status') return;
    if (event.type === 'tenant-status') this.p.tenantCache.invalidate(slug);
    const tenant = await this.p.tenantCache.get(slug);
    for (const room of [...this.rooms.values()]) {
      if (room.slug !== slug) continue;
      for (const conn of [...room.conns.values()]) {
        if (event.type === 'session-revoked' && conn.principal.sessionId !== event.sessionId) continue;
        const code = await this.recheck(tenant, conn, room.name);
        if (code !== null) conn.ws.close(code, 'access changed');
      }
    }
  }

  private async recheck(tenant: TenantRecord | null, conn: NoteConn, name: string): Promise<NoteClose | null> {
    if (!tenant) return NoteClose.NotFound;
    if (tenant.status === 'suspended') return NoteClose.Suspended;
    if (tenant.status !== 'active') return NoteClose.NotFound;
    const principal = await findSession(this.p.pools.get(tenant).db, conn.token, this.p.now());
    if (!principal) return NoteClose.Unauthenticated;
    const rights = noteRights(principal, name.startsWith('task-') ? 'task' : 'deal');
    if (!rights.read) return NoteClose.Forbidden;
    conn.principal = principal;
    conn.canWrite = rights.write;
    return null;
  }

  private checkAlive(): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.conns.values()) {
        if (!conn.alive) {
          conn.ws.terminate();
          continue;
        }
        conn.alive = false;
        conn.ws.ping();
      }
    }
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

const servers = new WeakMap<Platform, NotesServer>();

/** The notes server of a platform: one per process, shared by every listening server. */
export function notesServer(p: Platform): NotesServer {
  let s = servers.get(p);
  if (!s) {
    s = new NotesServer(p);
    servers.set(p, s);
  }
  return s;
}

/**
 * Write open notes and close their sockets; startServer's close() calls it through the
 * upgrade route's close hook (http/upgrades.ts) before the http server closes.
 */
export async function closeNotes(p: Platform): Promise<void> {
  const s = servers.get(p);
  if (!s) return;
  servers.delete(p);
  await s.close();
}

export function notesUpgradeRoute(p: Platform): UpgradeRoute {
  return notesServer(p).route();
}
