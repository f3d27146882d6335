import { serve, type ServerType } from '@hono/node-server';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

import type { Platform } from '../platform/platform';
import { createApp } from './app';
import { siteOf, type Site } from './host';
import { sameOrigin } from './security';

/**
 * A WebSocket endpoint. The server resolves the site and checks Origin before calling it:
 * a browser page on another origin can never open a socket with the user's cookie
 * (docs/tenancy.md, T-13). Handlers still authenticate the session themselves.
 */
export interface UpgradeRoute {
  readonly path: string;
  /** Match the path exactly, or as a prefix (for `/api/notes/<document>`). */
  readonly prefix?: boolean;
  handle(req: IncomingMessage, socket: Duplex, head: Buffer, site: Site): void;
  /** Close the route's sockets; an http server's close() waits for upgraded sockets. */
  close?(): Promise<void>;
}

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(
  p: Platform,
  opts: { readonly port: number; readonly host: string; readonly upgrades?: readonly UpgradeRoute[] },
): Promise<RunningServer> {
  const app = createApp(p);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolve(s));
  });
  const routes = opts.upgrades ?? [];
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const route = routes.find((r) => (r.prefix ? url.pathname.startsWith(r.path) : url.pathname === r.path));
    const origin = req.headers.origin;
    if (!route || (origin !== undefined && !sameOrigin(origin, req.headers.host))) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    route.handle(req, socket, head, siteOf(req.headers.host, p.config.baseDomain));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${opts.host}:${port}`,
    close: async () => {
      await Promise.all(routes.map((r) => r.close?.()));
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
