import { and, eq, inArray } from 'drizzle-orm';

import { SYSTEM_ACTOR, writeAudit } from '../admin/audit';
import * as cs from '../db/central-schema';
import type { Platform } from '../platform/platform';
import { setTenantStatus } from '../tenancy/provision';

export const BILLING_REASON_PREFIX = 'billing:';

/**
 * Suspend tenants whose subscription has been halted (payments failed for good) or cancelled
 * for longer than the grace period. Run by `billing:enforce-grace` (cron) and after every
 * webhook; `now` is injected so tests can step past the grace period.
 */
export async function enforceGracePeriod(
  p: Platform,
  opts: { readonly now: Date; readonly graceDays: number; readonly tenantIds?: readonly string[] },
): Promise<string[]> {
  const cutoff = opts.now.getTime() - opts.graceDays * 86_400_000;
  const where = [
    eq(cs.tenants.status, 'active'),
    inArray(cs.subscriptions.status, ['halted', 'cancelled']),
  ];
  if (opts.tenantIds) {
    if (opts.tenantIds.length === 0) return [];
    where.push(inArray(cs.subscriptions.tenantId, [...opts.tenantIds]));
  }
  const rows = await p.central
    .select({ s: cs.subscriptions, slug: cs.tenants.slug })
    .from(cs.subscriptions)
    .innerJoin(cs.tenants, eq(cs.tenants.id, cs.subscriptions.tenantId))
    .where(and(...where));

  const suspended: string[] = [];
  for (const { s, slug } of rows) {
    // A halted subscription counts from when it halted; a cancelled one from the end of what was paid.
    const since = s.status === 'halted' ? s.haltedAt : (s.currentPeriodEnd ?? s.updatedAt);
    if (!since || since.getTime() > cutoff) continue;
    const reason = `${BILLING_REASON_PREFIX} subscription ${s.status} for more than ${opts.graceDays} days`;
    const r = await setTenantStatus(p, slug, 'suspended', reason);
    if (!r.ok) continue;
    await writeAudit(p, SYSTEM_ACTOR, {
      action: 'tenant.suspend',
      target: `tenant:${slug}`,
      before: { status: 'active' },
      after: { status: 'suspended', reason },
    });
    p.logger.info(
      { tenant: slug, subscription: s.status },
      'tenant suspended after billing grace period',
    );
    suspended.push(slug);
  }
  return suspended;
}
