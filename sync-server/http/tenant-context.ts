import type { MiddlewareHandler } from 'hono';

import { appError } from '../../shared/errors';
import type { Logger } from '../logger';
import type { Platform } from '../platform/platform';
import type { TenantConnection } from '../tenancy/pools';
import type { TenantRecord } from '../tenancy/tenant-record';
import { siteOf, type Site } from './host';
import { problem } from './problem';

export interface TenantContext {
  readonly tenant: TenantRecord;
  readonly conn: TenantConnection;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    site: Site;
    tenant: TenantContext;
  };
};

/**
 * Resolve the tenant from Host before any tenant code runs: unknown slug 404, provisioning or
 * failed 503, suspended 423, each as a problem document (docs/tenancy.md, T-3). Tenant routes
 * get their database only from here, through a pool that logs in as that tenant's own user.
 */
export function requireTenant(p: Platform): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('tenant')) return next();
    const site = c.get('site');
    if (site.kind !== 'tenant') return problem(c, appError('not_found', 'This address is not a tenant workspace'));
    const tenant = await p.tenantCache.get(site.slug);
    if (!tenant) return problem(c, appError('not_found', `No workspace "${site.slug}"`));
    if (tenant.status === 'suspended') return problem(c, appError('tenant_suspended', 'This workspace is suspended'));
    if (tenant.status !== 'active') return problem(c, appError('tenant_unavailable', 'This workspace is not available yet'));
    c.set('tenant', { tenant, conn: p.pools.get(tenant) });
    c.set('log', c.get('log').child({ tenant: tenant.slug }));
    await next();
  };
}

/** On tenant hosts, resolve the tenant for every path, known route or not (T-3). */
export function tenantGate(p: Platform): MiddlewareHandler<AppEnv> {
  const resolve = requireTenant(p);
  return async (c, next) => (c.get('site').kind === 'tenant' ? resolve(c, next) : next());
}

export function siteMiddleware(p: Platform): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('site', siteOf(c.req.header('host'), p.config.baseDomain));
    await next();
  };
}
