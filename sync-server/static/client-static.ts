import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Context, Hono } from 'hono';

import type { RouteModule } from '../http/routes';
import { resolveFile } from './resolve-file';
import type { AppEnv } from '../http/tenant-context';

/** Where `vite build` writes the workspace PWA (vite.config.ts). */
export const CLIENT_DIST = fileURLToPath(new URL('../../dist/client/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Cache policy. Files under /assets/ carry a content hash in their name, so they never change
 * and may be cached for a year. The service worker, its manifest and index.html must be
 * revalidated every time, or a deploy would never reach devices that already have the app.
 */
export function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

/**
 * Serves the built client on tenant hosts for every GET/HEAD that is not an API path, with the
 * SPA fallback: a path with no file (a client route such as /tasks/123) gets index.html.
 * Registered after the API modules so it never shadows them. Other hosts (admin, central) are
 * left to their own modules.
 */
export function clientStatic(opts: { readonly dir?: string } = {}): RouteModule {
  const dir = path.resolve(opts.dir ?? CLIENT_DIST);
  return (app: Hono<AppEnv>) => {
    app.on(['GET', 'HEAD'], '*', async (c, next) => {
      if (c.get('site').kind !== 'tenant' || isReserved(c.req.path)) return next();
      const file = await resolveFile(dir, c.req.path);
      if (file !== null) return sendFile(c, file.path, file.urlPath);
      // A missing hashed asset is a real 404: answering HTML to a script tag breaks silently.
      if (c.req.path.startsWith('/assets/') || path.extname(c.req.path) !== '') return next();
      const index = await resolveFile(dir, '/index.html');
      return index === null ? next() : sendFile(c, index.path, '/index.html');
    });
  };
}

/**
 * The registered module. `FOCUS_CLIENT_DIR` lets the browser tests serve a build of their own
 * (tests/e2e/harness.ts), so a `vite build` run by someone else into dist/client can't swap
 * the files under a running test. It is read when the app is created, not per request.
 */
export const clientStaticRoutes: RouteModule = (app, p) => {
  const dir = process.env.FOCUS_CLIENT_DIR;
  clientStatic(dir === undefined || dir === '' ? {} : { dir })(app, p);
};

function isReserved(urlPath: string): boolean {
  return urlPath.startsWith('/api/') || urlPath === '/api' || urlPath === '/healthz' || urlPath === '/readyz';
}

async function sendFile(c: Context<AppEnv>, file: string, urlPath: string): Promise<Response> {
  const body = await readFile(file);
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  c.header('content-type', type);
  c.header('cache-control', cacheControlFor(urlPath));
  // The worker must control the whole origin, not just the folder sw.js sits in.
  if (urlPath === '/sw.js') c.header('service-worker-allowed', '/');
  if (c.req.method === 'HEAD') return c.body(null, 200);
  return c.body(new Uint8Array(body), 200);
}
