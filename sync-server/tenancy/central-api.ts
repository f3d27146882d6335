import type { Hono } from 'hono';
import { jwtVerify, SignJWT } from 'jose';

import { deriveKey } from '../../shared/crypto';
import { appError } from '../../shared/errors';
import type { AppEnv } from '../http/tenant-context';
import { problem } from '../http/problem';
import { loadPlanPermissions } from '../platform/central';
import type { Platform } from '../platform/platform';
import { findTenantBySlug } from './tenant-record';

const ISSUER = 'focusapp-central';
const TTL_SECONDS = 60;

function jwtKey(p: Platform): Uint8Array {
  return new Uint8Array(deriveKey(p.masterKey, 'central-api-jwt'));
}

/** A short-lived token whose audience is one tenant: it can fetch that tenant's plan only. */
export async function mintTenantToken(p: Platform, slug: string, ttlSeconds = TTL_SECONDS): Promise<string> {
  return new SignJWT({ scope: 'plan:read' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(`tenant:${slug}`)
    .setIssuedAt()
    .setExpirationTime(Math.floor(p.now().getTime() / 1000) + ttlSeconds)
    .sign(jwtKey(p));
}

/**
 * The central API that tenants pull their plan from (docs/tenancy.md, T-12). It answers only
 * on the central host, only with a valid unexpired token whose audience names the tenant asked
 * for.
 */
export function centralApiRoutes(app: Hono<AppEnv>, p: Platform): void {
  app.get('/api/central/tenants/:slug/permissions', async (c) => {
    if (c.get('site').kind !== 'central') return problem(c, appError('not_found', 'Not found'));
    const slug = c.req.param('slug');
    const auth = c.req.header('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    try {
      await jwtVerify(token, jwtKey(p), {
        issuer: ISSUER,
        audience: `tenant:${slug}`,
        algorithms: ['HS256'],
        currentDate: p.now(),
      });
    } catch {
      c.get('log').warn({ slug }, 'central API refused a token');
      return problem(c, appError('unauthenticated', 'A valid token for this tenant is required'));
    }
    const tenant = await findTenantBySlug(p.central, slug);
    if (!tenant) return problem(c, appError('not_found', `No tenant "${slug}"`));
    const set = await loadPlanPermissions(p.central, tenant.planId);
    if (!set) return problem(c, appError('internal', 'Tenant has no plan'));
    return c.json(set);
  });
}
