import type { Context, Hono } from 'hono';
import type { z } from 'zod';

import { appError, ErrorCode } from '../../shared/errors';
import { type AuthedEnv, requireSession } from '../auth/middleware';
import { problem } from '../http/problem';
import type { AppEnv } from '../http/tenant-context';
import { requireTenant } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import type { SyncContext } from './context';
import { pullRequestSchema, pushRequestSchema } from './protocol';
import { processPull } from './pull';
import { processPush } from './push';

/**
 * `POST /api/sync/push` and `POST /api/sync/pull` on tenant hosts (docs/sync.md, S-1). The app
 * pipeline has already resolved the tenant and enforced the 4 MB body limit (413, S-7).
 */
export function syncRoutes(app: Hono<AppEnv>, p: Platform): void {
  const authed = app as unknown as Hono<AuthedEnv>;
  authed.post('/api/sync/push', requireTenant(p), requireSession(p), async (c) => {
    const req = await parseBody(c, pushRequestSchema);
    if (req instanceof Response) return req;
    const ctx = contextOf(c, p, req.clientGroupID);
    const out = await processPush(ctx, req);
    if (out.committed > 0) {
      // After commit, never before: a poke that arrives early makes the client pull too soon.
      p.bus.publish(ctx.slug, { type: 'poke' }).catch((e: unknown) => ctx.log.warn({ err: String(e) }, 'poke publish failed'));
    }
    return c.json(out.response);
  });

  authed.post('/api/sync/pull', requireTenant(p), requireSession(p), async (c) => {
    const req = await parseBody(c, pullRequestSchema);
    if (req instanceof Response) return req;
    return c.json(await processPull(contextOf(c, p, req.clientGroupID), req));
  });
}

/** A body that is not JSON or not the protocol's shape is refused whole, before any write (S-7). */
async function parseBody<S extends z.ZodType>(c: Context<AuthedEnv>, schema: S): Promise<z.output<S> | Response> {
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    return problem(c, appError(ErrorCode.Validation, 'The body is not JSON'));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return problem(c, appError(ErrorCode.Validation, `Malformed request: ${first?.path.join('.') ?? ''} ${first?.message ?? ''}`.trim()));
  }
  return parsed.data;
}

/** The request's tenant, user and a logger that names the client group (never arguments). */
function contextOf(c: Context<AuthedEnv>, p: Platform, clientGroupID: string): SyncContext {
  const t = c.get('tenant');
  return { slug: t.tenant.slug, conn: t.conn, principal: c.get('principal'), log: c.get('log').child({ clientGroupID }), now: p.now };
}
