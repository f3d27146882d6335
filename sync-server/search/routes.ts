import type { Hono } from 'hono';

import { appError } from '../../shared/errors';
import type { AnyPermission } from '../../shared/permissions';
import { requireSession } from '../auth/middleware';
import { problem } from '../http/problem';
import { requireTenant, type AppEnv } from '../http/tenant-context';
import type { Platform } from '../platform/platform';
import { isSearchType, SEARCH_TYPES, type SearchType } from './port';
import { catchUpTenant, searchPort } from './search';

const READ: Record<SearchType, AnyPermission> = {
  contact: 'contacts.read',
  company: 'companies.read',
  deal: 'deals.read',
  task: 'tasks.read',
};

/**
 * `GET /api/search?q=<text>&types=task,deal&limit=20` on a tenant host. Results are cut to the
 * types the user may read before the engine is asked, so a hit the user may not see is never
 * fetched, let alone returned. The index first catches up with committed CRM writes
 * (catch-up.ts), so a row saved a moment ago is found.
 */
export function searchRoutes(app: Hono<AppEnv>, p: Platform): void {
  app.get('/api/search', requireTenant(p), requireSession(p), async (c) => {
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const asked = c.req.query('types');
    const limit = Number(c.req.query('limit') ?? '20');

    const requested = asked === undefined ? [...SEARCH_TYPES] : asked.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = requested.filter((s) => !isSearchType(s));
    if (unknown.length > 0) return problem(c, appError('validation', `Unknown search type: ${unknown.join(', ')}`, { types: SEARCH_TYPES }));

    const principal = c.get('principal');
    const types = requested.filter(isSearchType).filter((t) => principal.permissions.has(READ[t]));
    const { tenant, conn } = c.get('tenant');
    if (types.length > 0 && q.trim() !== '') await catchUpTenant(p, tenant.slug, conn.db);
    const hits = await searchPort(p).query(tenant.slug, q, { types, limit });
    return c.json({ query: q, hits });
  });
}
