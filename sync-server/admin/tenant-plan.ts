import { eq } from 'drizzle-orm';

import { appError, err, ok, type AppError, type Result } from '../../shared/errors';
import * as cs from '../db/central-schema';
import type { Platform } from '../platform/platform';
import { findTenantBySlug } from '../tenancy/tenant-record';
import { writeAudit, type AuditActor } from './audit';
import type { PushResult } from '../../shared/api/admin';
import type { PermissionPusher } from './permission-push';

/**
 * Move a tenant to another plan and push the new permission set to it at once. Used by the
 * admin SPA and by billing (activation, upgrade, downgrade).
 */
export async function switchTenantPlan(
  p: Platform,
  pusher: PermissionPusher,
  actor: AuditActor,
  input: { readonly slug: string; readonly planId: number; readonly reason: string },
): Promise<Result<PushResult | null, AppError>> {
  const tenant = await findTenantBySlug(p.central, input.slug);
  if (!tenant) return err(appError('not_found', `No tenant "${input.slug}"`));
  const [plan] = await p.central.select().from(cs.plans).where(eq(cs.plans.id, input.planId));
  if (!plan) return err(appError('validation', `No plan ${input.planId}`));
  if (tenant.planId === plan.id) return ok(null);

  const [before] = await p.central.select().from(cs.plans).where(eq(cs.plans.id, tenant.planId));
  await p.central
    .update(cs.tenants)
    .set({ planId: plan.id, updatedAt: p.now() })
    .where(eq(cs.tenants.id, tenant.id));
  p.tenantCache.invalidate(tenant.slug);
  await writeAudit(p, actor, {
    action: 'tenant.plan',
    target: `tenant:${tenant.slug}`,
    before: { plan: before?.key ?? null },
    after: { plan: plan.key, reason: input.reason },
  });
  const [result] = await pusher.push([{ ...tenant, planId: plan.id }]);
  return ok(result ?? null);
}
