import {
  type PullRequest,
  type PullerResult,
  type PushRequest,
  type PusherResult,
  Replicache,
} from 'replicache';

import { type Rejection } from '../../shared/domain';
import { SCHEMA_VERSION } from '../../mutators';
import { type ClientMutators, clientMutators } from './mutators';
import { type OpenSocket, PokeSocket } from './poke-socket';

/** What the UI shows about sync: the online/offline/syncing badge and the waiting count. */
export interface SyncState {
  /** The last push or pull reached the server. */
  readonly online: boolean;
  /** A push or pull is in flight. */
  readonly syncing: boolean;
  /** Local mutations the server has not confirmed yet. */
  readonly pending: number;
  /** The poke socket is open (live updates). */
  readonly live: boolean;
  /** The server no longer accepts this app's schema or protocol: ask the user to reload. */
  readonly versionNotSupported: boolean;
  /** The session was refused (401 / socket 4401): sign in again. Nothing local is lost. */
  readonly sessionExpired: boolean;
}

export interface SyncClientOptions {
  readonly tenant: string;
  readonly userID: string;
  /** Origin of the sync server; '' (default) means the page's own origin. */
  readonly baseURL?: string;
  /** Bearer token for Node clients; browsers leave it out and send the HttpOnly cookie. */
  readonly token?: string;
  readonly fetch?: typeof fetch;
  /** Opens the poke socket; defaults to the browser's WebSocket. `null` disables pokes. */
  readonly openSocket?: OpenSocket | null;
  /** 'idb' (default, survives reloads) or 'mem' (tests, benchmarks). */
  readonly kvStore?: 'idb' | 'mem';
  /** Replicache instance name; defaults to `focus:<tenant>:<userID>` so users never share a replica. */
  readonly name?: string;
  /** Slow safety-net pull, ms (pokes may be lost). Default 60 s. */
  readonly pullIntervalMs?: number;
  readonly pushDelayMs?: number;
  /** Defaults to SCHEMA_VERSION; only tests of the upgrade path set another. */
  readonly schemaVersion?: string;
  /** Replicache's retry backoff bounds, ms (tests shorten them). */
  readonly requestOptions?: { readonly minDelayMs?: number; readonly maxDelayMs?: number };
}

type Listener<T> = (value: T) => void;

/**
 * One device's sync engine: a Replicache replica per tenant and user, the shared mutators, the
 * poke socket, and observable sync state. `rep.mutate.<name>(args)` applies at once locally.
 */
export class SyncClient {
  readonly rep: Replicache<ClientMutators>;
  private state: SyncState = { online: true, syncing: false, pending: 0, live: false, versionNotSupported: false, sessionExpired: false };
  private readonly stateListeners = new Set<Listener<SyncState>>();
  private readonly rejectionListeners = new Set<Listener<Rejection>>();
  private readonly seenRejections = new Set<string>();
  private readonly poke: PokeSocket | null;
  private readonly cleanups: (() => void)[] = [];
  private inFlight = 0;
  /** The first rejection snapshot is what was already on the device: not announced again. */
  private rejectionsPrimed = false;
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly opts: SyncClientOptions) {
    this.rep = new Replicache({
      name: opts.name ?? `focus:${opts.tenant}:${opts.userID}`,
      schemaVersion: opts.schemaVersion ?? SCHEMA_VERSION,
      mutators: clientMutators({ userID: opts.userID }),
      kvStore: opts.kvStore ?? 'idb',
      pullInterval: opts.pullIntervalMs ?? 60_000,
      ...(opts.pushDelayMs !== undefined ? { pushDelay: opts.pushDelayMs } : {}),
      ...(opts.requestOptions !== undefined ? { requestOptions: { ...opts.requestOptions } } : {}),
      puller: (body, requestID) => this.pull(body, requestID),
      pusher: (body, requestID) => this.push(body, requestID),
    });
    this.rep.onOnlineChange = (online) => this.setState({ online });
    this.rep.onUpdateNeeded = (reason) => {
      if (reason.type === 'VersionNotSupported') this.setState({ versionNotSupported: true });
    };
    this.cleanups.push(this.rep.experimentalWatch(() => this.requestPendingCount()));
    this.cleanups.push(
      this.rep.subscribe((tx) => tx.scan({ prefix: 'rejection/' }).values().toArray(), {
        onData: (values) => this.onRejections(values as unknown as Rejection[]),
      }),
    );
    const open = opts.openSocket === undefined ? browserSocket : opts.openSocket;
    this.poke = open === null ? null : new PokeSocket({
      url: pokeURL(opts.baseURL ?? ''),
      open,
      onPoke: () => this.requestPull(),
      onConnectedChange: (live) => this.setState({ live }),
      onRefused: (code) => {
        if (code === 4401) this.setState({ sessionExpired: true });
      },
    });
    this.poke?.start();
  }

  get mutate(): Replicache<ClientMutators>['mutate'] {
    return this.rep.mutate;
  }

  getState = (): SyncState => this.state;

  /** Listen to sync state; returns the unsubscribe function (fits useSyncExternalStore). */
  subscribeState = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  /** Called once per rejection that reaches this device after start (S-5). */
  onRejection(listener: Listener<Rejection>): () => void {
    this.rejectionListeners.add(listener);
    return () => this.rejectionListeners.delete(listener);
  }

  /** Ask for a pull now (after sign-in, on a manual refresh). */
  pullNow(): void {
    this.requestPull();
  }

  /** Pull soon; failures are Replicache's to retry, and a closed client ignores the request. */
  private requestPull(): void {
    if (this.closed) return;
    this.rep.pull().catch(() => undefined);
  }

  private requestPendingCount(): void {
    this.refreshPending().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
    this.poke?.stop();
    for (const c of this.cleanups) c();
    await this.rep.close();
  }

  private async pull(body: PullRequest, requestID: string): Promise<PullerResult> {
    const res = await this.post('/api/sync/pull', body, requestID);
    if (res.status !== 200) return { httpRequestInfo: { httpStatusCode: res.status, errorMessage: res.text } };
    const json = JSON.parse(res.text) as Record<string, unknown>;
    // `more`: the server's page was full; pull again for the rest (docs/sync.md, S-11).
    if (json.more === true && !this.closed) setTimeout(() => this.requestPull(), 0);
    delete json.more;
    return { response: json, httpRequestInfo: { httpStatusCode: 200, errorMessage: '' } } as unknown as PullerResult;
  }

  private async push(body: PushRequest, requestID: string): Promise<PusherResult> {
    const res = await this.post('/api/sync/push', body, requestID);
    this.requestPendingCount();
    if (res.status !== 200) return { httpRequestInfo: { httpStatusCode: res.status, errorMessage: res.text } };
    const json = JSON.parse(res.text) as Record<string, unknown>;
    const response = 'error' in json ? (json as unknown as NonNullable<PusherResult['response']>) : undefined;
    // Confirm our own mutations without waiting for the poke (the socket may be down).
    if (response === undefined && !this.closed) setTimeout(() => this.requestPull(), 0);
    return { ...(response ? { response } : {}), httpRequestInfo: { httpStatusCode: 200, errorMessage: '' } };
  }

  private async post(path: string, body: unknown, requestID: string): Promise<{ status: number; text: string }> {
    this.inFlight++;
    this.setState({ syncing: true });
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-replicache-requestid': requestID };
      if (this.opts.token !== undefined) headers.authorization = `Bearer ${this.opts.token}`;
      const doFetch = this.opts.fetch ?? fetch;
      const res = await doFetch(`${this.opts.baseURL ?? ''}${path}`, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
      const text = await res.text();
      if (res.status === 401) this.setState({ sessionExpired: true });
      return { status: res.status, text };
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.setState({ syncing: false });
    }
  }

  /**
   * Recount unconfirmed mutations. Runs on every replica change and after each push; while the
   * count is above zero it also re-runs every second, because a pull that only confirms
   * mutations (server values equal to the optimistic ones) changes no key and fires no watch.
   */
  private async refreshPending(): Promise<void> {
    if (this.closed) return;
    const pending = (await this.rep.experimentalPendingMutations()).length;
    if (pending !== this.state.pending) this.setState({ pending });
    if (pending > 0 && this.pendingTimer === null) {
      this.pendingTimer = setTimeout(() => {
        this.pendingTimer = null;
        this.requestPendingCount();
      }, 1_000);
    }
  }

  private onRejections(values: readonly Rejection[]): void {
    const first = !this.rejectionsPrimed;
    this.rejectionsPrimed = true;
    for (const r of values) {
      const key = `${r.clientID}/${r.mutationID}`;
      if (this.seenRejections.has(key)) continue;
      this.seenRejections.add(key);
      if (!first) for (const l of this.rejectionListeners) l(r);
    }
  }

  private setState(patch: Partial<SyncState>): void {
    const next = { ...this.state, ...patch };
    if ((Object.keys(patch) as (keyof SyncState)[]).every((k) => next[k] === this.state[k])) return;
    this.state = next;
    for (const l of this.stateListeners) l(next);
  }
}

function pokeURL(baseURL: string): string {
  const origin = baseURL !== '' ? baseURL : globalThis.location?.origin ?? 'http://localhost';
  return `${origin.replace(/^http/, 'ws')}/api/sync/poke`;
}

const browserSocket: OpenSocket | null =
  typeof WebSocket === 'undefined' ? null : (url) => new WebSocket(url) as unknown as ReturnType<OpenSocket>;

export function createSyncClient(opts: SyncClientOptions): SyncClient {
  return new SyncClient(opts);
}
