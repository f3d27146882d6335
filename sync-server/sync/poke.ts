import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocketServer, type WebSocket } from 'ws';

import { findSession } from '../auth/sessions';
import type { Site } from '../http/host';
import type { UpgradeRoute } from '../http/server';
import { tokenFromHeaders } from '../notes/access';
import type { BusEvent } from '../platform/bus';
import type { Platform } from '../platform/platform';

export const POKE_PATH = '/api/sync/poke';

/** Close codes of a poke socket; 4401 tells the client its session is gone (stop retrying). */
export const PokeClose = { Unauthenticated: 4401, Forbidden: 4403, NotFound: 4404, Shutdown: 1001 } as const;

const SESSION_RECHECK_MS = 60_000;
const HEARTBEAT_MS = 30_000;

interface PokeSocket {
  readonly ws: WebSocket;
  readonly token: string;
  readonly sessionId: string;
  alive: boolean;
}

interface TenantSockets {
  readonly sockets: Set<PokeSocket>;
  readonly unsubscribe: Promise<() => Promise<void>>;
}

/**
 * The poke WebSocket (docs/sync.md, S-15 to S-17). Each node subscribes to a tenant's bus
 * channel while it has sockets of that tenant, and forwards a data-free poke to that tenant's
 * sockets only. A revoked session's socket is closed on the bus event, and every socket's
 * session is re-checked on a timer in case that event was lost.
 */
export class PokeServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  private readonly tenants = new Map<string, TenantSockets>();
  private readonly timers: NodeJS.Timeout[];

  constructor(private readonly p: Platform) {
    this.timers = [
      setInterval(() => void this.recheckSessions(), SESSION_RECHECK_MS),
      setInterval(() => this.heartbeat(), HEARTBEAT_MS),
    ];
    for (const t of this.timers) t.unref();
  }

  route(): UpgradeRoute {
    return { path: POKE_PATH, handle: (req, socket, head, site) => void this.upgrade(req, socket, head, site) };
  }

  /** Sockets currently open, per tenant (for tests and metrics). */
  count(slug: string): number {
    return this.tenants.get(slug)?.sockets.size ?? 0;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const [slug, entry] of [...this.tenants]) {
      for (const s of entry.sockets) s.ws.close(PokeClose.Shutdown, 'server shutting down');
      this.tenants.delete(slug);
      await (await entry.unsubscribe)().catch(() => undefined);
    }
    this.wss.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, site: Site): Promise<void> {
    socket.on('error', () => socket.destroy());
    const refusal = await this.authorize(req, site).catch((e: unknown) => {
      this.p.logger.error({ err: e instanceof Error ? e.message : String(e) }, 'poke authorisation failed');
      return null;
    });
    if (refusal === null) {
      socket.destroy();
      return;
    }
    if (refusal.ok) {
      // Subscribe before the socket opens: the client pulls on open, so any change after that
      // pull is sure to be poked (S-16).
      await this.entryFor(refusal.slug).unsubscribe.catch(() => undefined);
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // Refusals are an accepted socket closed with a 44xx code: browsers hide HTTP statuses of
      // failed upgrades, and the client must know to stop retrying (S-15).
      if (!refusal.ok) ws.close(refusal.code, refusal.reason);
      else this.add(refusal.slug, { ws, token: refusal.token, sessionId: refusal.sessionId, alive: true });
    });
  }

  private async authorize(req: IncomingMessage, site: Site): Promise<
    | { ok: true; slug: string; token: string; sessionId: string }
    | { ok: false; code: number; reason: string }
  > {
    if (site.kind !== 'tenant') return { ok: false, code: PokeClose.NotFound, reason: 'not a tenant workspace' };
    const tenant = await this.p.tenantCache.get(site.slug);
    if (!tenant || tenant.status !== 'active') return { ok: false, code: PokeClose.NotFound, reason: 'workspace not available' };
    const token = tokenFromHeaders(req.headers);
    const principal = token ? await findSession(this.p.pools.get(tenant).db, token, this.p.now()) : null;
    if (!token || !principal) return { ok: false, code: PokeClose.Unauthenticated, reason: 'sign in to continue' };
    if (principal.limited) return { ok: false, code: PokeClose.Forbidden, reason: 'device waiting for approval' };
    return { ok: true, slug: tenant.slug, token, sessionId: principal.sessionId };
  }

  private entryFor(slug: string): TenantSockets {
    const existing = this.tenants.get(slug);
    if (existing) return existing;
    const created: TenantSockets = {
      sockets: new Set(),
      unsubscribe: this.p.bus.subscribe(slug, (_slug, event) => this.onEvent(slug, created, event)),
    };
    created.unsubscribe.catch((e: unknown) => this.p.logger.error({ err: String(e), tenant: slug }, 'poke subscribe failed'));
    this.tenants.set(slug, created);
    return created;
  }

  private add(slug: string, s: PokeSocket): void {
    const entry = this.entryFor(slug);
    entry.sockets.add(s);
    s.ws.on('pong', () => (s.alive = true));
    s.ws.on('message', () => undefined);
    s.ws.on('close', () => void this.remove(slug, s));
    s.ws.on('error', () => s.ws.terminate());
  }

  private async remove(slug: string, s: PokeSocket): Promise<void> {
    const entry = this.tenants.get(slug);
    if (!entry) return;
    entry.sockets.delete(s);
    if (entry.sockets.size > 0) return;
    this.tenants.delete(slug);
    await (await entry.unsubscribe)().catch(() => undefined);
  }

  private onEvent(slug: string, entry: TenantSockets, event: BusEvent): void {
    if (event.type === 'poke' || event.type === 'permissions') {
      for (const s of entry.sockets) if (s.ws.readyState === s.ws.OPEN) s.ws.send('{"type":"poke"}');
    } else if (event.type === 'session-revoked') {
      for (const s of entry.sockets) if (s.sessionId === event.sessionId) s.ws.close(PokeClose.Unauthenticated, 'session revoked');
    } else if (event.type === 'tenant-status') {
      this.closeIfInactive(slug, entry).catch((e: unknown) => this.p.logger.warn({ err: String(e), tenant: slug }, 'tenant status check failed'));
    }
  }

  /** A suspended or deleted tenant's devices lose their live connection at once. */
  private async closeIfInactive(slug: string, entry: TenantSockets): Promise<void> {
    this.p.tenantCache.invalidate(slug);
    const tenant = await this.p.tenantCache.get(slug);
    if (tenant?.status === 'active') return;
    for (const s of entry.sockets) s.ws.close(PokeClose.NotFound, 'workspace not available');
  }

  /** The safety net for a lost 'session-revoked' event: expired or revoked sessions are closed. */
  private async recheckSessions(): Promise<void> {
    for (const [slug, entry] of this.tenants) {
      const tenant = await this.p.tenantCache.get(slug).catch(() => null);
      for (const s of entry.sockets) {
        const principal = tenant ? await findSession(this.p.pools.get(tenant).db, s.token, this.p.now()).catch(() => undefined) : null;
        if (principal === null) s.ws.close(PokeClose.Unauthenticated, 'session ended');
      }
    }
  }

  private heartbeat(): void {
    for (const [slug, entry] of this.tenants) {
      // An upgrade that failed after subscribing leaves an empty entry; drop its subscription.
      if (entry.sockets.size === 0) {
        this.tenants.delete(slug);
        entry.unsubscribe.then((stop) => stop()).catch(() => undefined);
        continue;
      }
      for (const s of entry.sockets) {
        if (!s.alive) s.ws.terminate();
        s.alive = false;
        s.ws.ping();
      }
    }
  }
}

const servers = new WeakMap<Platform, PokeServer>();

/** The one poke server of a platform (one per process in production, one per test platform). */
export function pokeServer(p: Platform): PokeServer {
  let s = servers.get(p);
  if (!s) {
    s = new PokeServer(p);
    servers.set(p, s);
  }
  return s;
}

export function pokeUpgradeRoute(p: Platform): UpgradeRoute {
  return pokeServer(p).route();
}

/** Close a platform's poke sockets before its server shuts down. */
export async function closePoke(p: Platform): Promise<void> {
  const s = servers.get(p);
  if (!s) return;
  servers.delete(p);
  await s.close();
}
