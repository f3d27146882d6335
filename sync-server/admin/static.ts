import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Hono } from 'hono';

import type { AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { cacheControlFor } from '../static/client-static';
import { resolveFile } from '../static/resolve-file';

/** Where `vite build --config admin/vite.config.ts` writes the admin SPA. */
export const ADMIN_DIST = fileURLToPath(new URL('../../dist/admin/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * Serves the built admin SPA on `admin.<base>` only, with an index.html fallback for client
 * routes. API paths are left to the API modules.
 */
export function adminStatic(
  opts: { readonly dir?: string } = {},
): (app: Hono<AppEnv>, p: Platform) => void {
  const dir = path.resolve(opts.dir ?? ADMIN_DIST);
  return (app) => {
    app.on(['GET', 'HEAD'], '*', async (c, next) => {
      if (
        c.get('site').kind !== 'admin' ||
        c.req.path.startsWith('/api/') ||
        c.req.path === '/healthz' ||
        c.req.path === '/readyz'
      ) {
        return next();
      }
      const file =
        (await resolveFile(dir, c.req.path)) ??
        (path.extname(c.req.path) === '' ? await resolveFile(dir, '/index.html') : null);
      if (!file) return next();
      c.header(
        'content-type',
        TYPES[path.extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      );
      c.header('cache-control', cacheControlFor(file.urlPath));
      if (c.req.method === 'HEAD') return c.body(null, 200);
      return c.body(new Uint8Array(await readFile(file.path)), 200);
    });
  };
}

export const adminStaticRoutes = adminStatic();
