import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

import { appError } from '../../shared/errors';
import { newID } from '../../shared/ids';
import type { Platform } from '../platform/platform';
import { problem, problemFromUnknown } from './problem';
import { routeModules, type RouteModule } from './routes';
import { csrfGuard, securityHeaders } from './security';
import { siteMiddleware, tenantGate, type AppEnv } from './tenant-context';

export interface AppOptions {
  /** Route modules to mount; defaults to every registered feature. */
  readonly modules?: readonly RouteModule[];
}

/** The HTTP application: one pipeline for every host, features mounted as route modules. */
export function createApp(p: Platform, opts: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const requestId = newID();
    c.set('requestId', requestId);
    c.set('log', p.logger.child({ requestId }));
    c.header('x-request-id', requestId);
    await next();
  });

  app.use('*', securityHeaders());

  app.use('*', siteMiddleware(p));

  app.use('*', tenantGate(p));

  const apiBodyLimit = bodyLimit({
    maxSize: 4 * 1024 * 1024,
    onError: (c) => problem(c, appError('payload_too_large', 'Request body is over the 4 MB limit')),
  });
  // Attachment uploads set their own, larger limit (sync-server/storage/routes.ts).
  app.use('/api/*', (c, next) => (c.req.path === '/api/attachments' ? next() : apiBodyLimit(c, next)));

  app.use('/api/*', csrfGuard());

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    const checks = { database: false, redis: false };
    await p.centralPool.query('SELECT 1').then(() => (checks.database = true), () => undefined);
    await p.redis.ping().then(() => (checks.redis = true), () => undefined);
    const ready = checks.database && checks.redis;
    return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
  });

  for (const mount of opts.modules ?? routeModules) mount(app, p);

  app.notFound((c) => problem(c, appError('not_found', `No route for ${c.req.method} ${c.req.path}`)));

  app.onError((e, c) => {
    const log = c.get('log') ?? p.logger;
    log.error({ err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'unhandled error');
    return problemFromUnknown(c, e);
  });

  return app;
}
