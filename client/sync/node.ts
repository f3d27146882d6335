import WebSocket from 'ws';

import type { OpenSocket, SocketLike } from './poke-socket';
import { SyncClient, type SyncClientOptions } from './sync-client';

/**
 * A sync client for Node (tests, benchmarks, scripts). Node can't resolve `<tenant>.localhost`,
 * so requests go to the server's own address with the tenant's Host header: pass a `fetch`
 * bound to that Host (sync-server/http/host-client.ts `hostFetch`) and the `host` here for the
 * poke socket. The replica lives in memory.
 */
export interface NodeSyncClientOptions extends Omit<SyncClientOptions, 'kvStore' | 'openSocket' | 'fetch'> {
  readonly baseURL: string;
  readonly host: string;
  readonly token: string;
  readonly fetch: typeof fetch;
  /** Default true. */
  readonly pokes?: boolean;
}

export function createNodeSyncClient(opts: NodeSyncClientOptions): SyncClient {
  const { host, pokes, ...rest } = opts;
  return new SyncClient({
    ...rest,
    kvStore: 'mem',
    openSocket: pokes === false ? null : nodeSocket(host, opts.token),
  });
}

/** Opens `ws` sockets to 127.0.0.1 with the tenant Host and the Bearer token (S-1). */
export function nodeSocket(host: string, token: string): OpenSocket {
  return (url) => new WebSocket(url, { headers: { host, authorization: `Bearer ${token}` } }) as unknown as SocketLike;
}
