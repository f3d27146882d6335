import { eq, inArray } from 'drizzle-orm';

import type { PushResult, PushView } from '../../shared/api/admin';
import * as cs from '../db/central-schema';
import type { Platform } from '../platform/platform';
import { updateTenantPermissions, type CentralClient } from '../tenancy/permissions-update';
import type { TenantRecord } from '../tenancy/tenant-record';

/** Delays before the 2nd, 3rd and 4th attempt; after the last one the push stays `failed`. */
export const PUSH_BACKOFF_MS = [1_000, 4_000, 15_000] as const;

/**
 * Pushes a plan's permission set to tenants through the JWT central API (the same path as
 * `permissions:update`) and records the outcome per tenant. Each tenant's upsert is one
 * transaction (applyPlanPermissions), so a failure leaves that tenant on its previous,
 * complete set; it is retried with backoff and shown in the admin SPA (docs/admin.md, A-7).
 */
export class PermissionPusher {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly p: Platform,
    private readonly client: CentralClient,
    private readonly backoffMs: readonly number[] = PUSH_BACKOFF_MS,
  ) {}

  /** First attempt for every tenant now (awaited); failures continue in the background. */
  async push(tenants: readonly TenantRecord[]): Promise<PushResult[]> {
    const live = tenants.filter((t) => t.status === 'active' || t.status === 'suspended');
    return Promise.all(live.map((t) => this.attempt(t, 1)));
  }

  /** Start over for one tenant (the SPA's retry button). */
  async retry(tenant: TenantRecord): Promise<PushResult> {
    this.cancel(tenant.id);
    return this.attempt(tenant, 1);
  }

  private async attempt(t: TenantRecord, n: number): Promise<PushResult> {
    this.cancel(t.id);
    const [plan] = await this.p.central.select().from(cs.plans).where(eq(cs.plans.id, t.planId));
    await this.record(t, {
      planVersion: plan?.version ?? 0,
      state: 'pending',
      attempts: n - 1,
      lastError: null,
    });

    let error: string;
    try {
      const r = await updateTenantPermissions(this.p, this.client, t.slug);
      if (r.ok) {
        await this.record(t, {
          planVersion: r.value.version,
          state: 'ok',
          attempts: n,
          lastError: null,
        });
        return { slug: t.slug, state: 'ok', attempts: n };
      }
      error = r.error.message;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }

    const delay = this.backoffMs[n - 1];
    const state = delay === undefined ? 'failed' : 'pending';
    await this.record(t, {
      planVersion: plan?.version ?? 0,
      state,
      attempts: n,
      lastError: error.slice(0, 2000),
    });
    this.p.logger.warn({ tenant: t.slug, attempt: n, error }, 'permission push failed');
    if (delay !== undefined) this.schedule(t, n + 1, delay);
    return { slug: t.slug, state, attempts: n, error };
  }

  private schedule(t: TenantRecord, n: number, delay: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(t.id);
      // The tenant row may have changed (another plan, deleted) since the first attempt.
      void this.reload(t.id)
        .then(
          (fresh) => (fresh ? this.attempt(fresh, n) : undefined),
          (e: unknown) =>
            this.p.logger.warn(
              { tenant: t.slug, error: String(e) },
              'permission push retry could not start',
            ),
        )
        .catch((e: unknown) =>
          this.p.logger.warn({ tenant: t.slug, error: String(e) }, 'permission push retry failed'),
        );
    }, delay);
    // Limitation: retries are timers in this process; after a restart a pending push stays
    // visible as pending/failed in the admin SPA and is retried from there.
    timer.unref();
    this.timers.set(t.id, timer);
  }

  private cancel(tenantId: string): void {
    const timer = this.timers.get(tenantId);
    if (timer) clearTimeout(timer);
    this.timers.delete(tenantId);
  }

  /** Stop every scheduled retry (tests, shutdown). */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async reload(id: string): Promise<TenantRecord | null> {
    const rows = await this.p.central.select().from(cs.tenants).where(eq(cs.tenants.id, id));
    return rows[0] ?? null;
  }

  private async record(
    t: TenantRecord,
    v: {
      planVersion: number;
      state: 'pending' | 'ok' | 'failed';
      attempts: number;
      lastError: string | null;
    },
  ): Promise<void> {
    const row = { planId: t.planId, ...v, updatedAt: this.p.now() };
    await this.p.central
      .insert(cs.permissionPushes)
      .values({ tenantId: t.id, ...row })
      .onDuplicateKeyUpdate({ set: row });
  }
}

export async function listPushes(p: Platform, tenantIds?: readonly string[]): Promise<PushView[]> {
  const q = p.central
    .select({ push: cs.permissionPushes, slug: cs.tenants.slug })
    .from(cs.permissionPushes)
    .innerJoin(cs.tenants, eq(cs.tenants.id, cs.permissionPushes.tenantId));
  const rows = tenantIds
    ? await q.where(inArray(cs.permissionPushes.tenantId, [...tenantIds]))
    : await q;
  return rows
    .map(({ push, slug }) => ({
      slug,
      tenantId: push.tenantId,
      planId: push.planId,
      planVersion: push.planVersion,
      state: push.state,
      attempts: push.attempts,
      lastError: push.lastError,
      updatedAt: push.updatedAt.toISOString(),
    }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}
