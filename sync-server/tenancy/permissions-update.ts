import { z } from 'zod';

import { appError, err, ok, type AppError, type Result } from '../../shared/errors';
import type { Hono } from 'hono';
import type { AppEnv } from '../http/tenant-context';
import type { PlanPermissionSet } from '../platform/central';
import type { Platform } from '../platform/platform';
import { mintTenantToken } from './central-api';
import { applyPlanPermissions } from './plan-permissions';
import { findTenantBySlug } from './tenant-record';

const PlanSetSchema = z.object({
  planKey: z.string(),
  planName: z.string(),
  version: z.number().int(),
  modules: z.array(z.string()),
  permissions: z.array(z.string()),
  limits: z.object({ maxUsers: z.number().int().min(0), mailCredits: z.number().int().min(0) }),
});

export interface CentralClient {
  fetchPlan(slug: string, token: string): Promise<Response>;
}

/** Reach the central API over HTTP when FOCUS_CENTRAL_URL is set, else in this process. */
export function centralClient(p: Platform, app: () => Hono<AppEnv>): CentralClient {
  return {
    fetchPlan: (slug, token) => {
      const path = `/api/central/tenants/${encodeURIComponent(slug)}/permissions`;
      const headers = { authorization: `Bearer ${token}`, host: p.config.baseDomain };
      if (p.config.centralUrl) return fetch(new URL(path, p.config.centralUrl), { headers });
      return Promise.resolve(app().request(path, { headers }));
    },
  };
}

/**
 * `permissions:update` for one tenant: fetch its plan from the central API with a short-lived
 * JWT, upsert it in one transaction, then tell every node and device (docs/tenancy.md, T-11).
 */
export async function updateTenantPermissions(
  p: Platform,
  client: CentralClient,
  slug: string,
  opts: { readonly token?: string } = {},
): Promise<Result<PlanPermissionSet, AppError>> {
  const tenant = await findTenantBySlug(p.central, slug);
  if (!tenant) return err(appError('not_found', `No tenant "${slug}"`));
  if (tenant.status !== 'active' && tenant.status !== 'suspended') {
    return err(appError('conflict', `Tenant "${slug}" is ${tenant.status}`));
  }
  const token = opts.token ?? (await mintTenantToken(p, slug));
  const res = await client.fetchPlan(slug, token);
  if (!res.ok) return err(appError(res.status === 401 ? 'unauthenticated' : 'internal', `Central API answered ${res.status}`));
  const parsed = PlanSetSchema.safeParse(await res.json());
  if (!parsed.success) return err(appError('internal', 'Central API answered with an unexpected body'));
  await applyPlanPermissions(p.pools.get(tenant).db, parsed.data);
  await p.bus.publish(slug, { type: 'permissions' });
  await p.bus.publish(slug, { type: 'poke' });
  return ok(parsed.data);
}
