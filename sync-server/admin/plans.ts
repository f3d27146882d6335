import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';

import type { GroupView, PlanImpact, PlanView } from '../../shared/api/admin';
import { appError, err, ok, type AppError, type Result } from '../../shared/errors';
import { MODULES, PERMISSIONS_BY_MODULE } from '../../shared/permissions';
import * as cs from '../db/central-schema';
import type { Platform } from '../platform/platform';

export const BILLING_PERIODS = ['monthly', 'yearly'] as const;

export const PlanInput = z.object({
  key: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'key: lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(120),
  pricePaise: z.number().int().min(0).max(10_000_000_00),
  billingPeriod: z.enum(BILLING_PERIODS),
  maxUsers: z.number().int().min(1).max(100_000),
  mailCredits: z.number().int().min(0).max(100_000_000),
  groupIds: z.array(z.number().int()).max(200),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const GroupInput = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{1,59}$/, 'key: lower-case letters, digits, dot, dash, underscore'),
  name: z.string().trim().min(1).max(120),
  module: z.enum(MODULES),
  description: z.string().max(2000).nullable().default(null),
  permissions: z.array(z.string()).min(1).max(100),
});
export type GroupInput = z.input<typeof GroupInput>;

export async function listPlans(p: Platform): Promise<PlanView[]> {
  const plans = await p.central.select().from(cs.plans).orderBy(cs.plans.pricePaise, cs.plans.id);
  const links = await p.central.select().from(cs.planPermissionGroups);
  const counts = await p.central
    .select({ planId: cs.tenants.planId, n: sql<number>`count(*)` })
    .from(cs.tenants)
    .groupBy(cs.tenants.planId);
  return plans.map((pl) => ({
    id: pl.id,
    key: pl.key,
    name: pl.name,
    pricePaise: pl.pricePaise,
    billingPeriod: pl.billingPeriod,
    maxUsers: pl.maxUsers,
    mailCredits: pl.mailCredits,
    version: pl.version,
    razorpayPlanId: pl.razorpayPlanId,
    groupIds: links
      .filter((l) => l.planId === pl.id)
      .map((l) => l.groupId)
      .sort((a, b) => a - b),
    tenantCount: Number(counts.find((x) => x.planId === pl.id)?.n ?? 0),
  }));
}

export async function findPlan(p: Platform, id: number): Promise<PlanView | null> {
  return (await listPlans(p)).find((pl) => pl.id === id) ?? null;
}

export async function listGroups(p: Platform): Promise<GroupView[]> {
  const groups = await p.central
    .select()
    .from(cs.permissionGroups)
    .orderBy(cs.permissionGroups.module, cs.permissionGroups.key);
  const perms = await p.central.select().from(cs.permissionGroupPermissions);
  return groups.map((g) => ({
    id: g.id,
    key: g.key,
    name: g.name,
    module: g.module,
    description: g.description,
    permissions: perms
      .filter((x) => x.groupId === g.id)
      .map((x) => x.permission)
      .sort(),
  }));
}

/** Insert or edit a plan and its groups in one transaction, bumping its version. */
export async function savePlan(
  p: Platform,
  id: number | null,
  raw: unknown,
): Promise<Result<PlanView, AppError>> {
  const parsed = PlanInput.safeParse(raw);
  if (!parsed.success)
    return err(appError('validation', parsed.error.issues.map((i) => i.message).join('; ')));
  const input = parsed.data;
  const groups = await listGroups(p);
  const unknown = input.groupIds.filter((g) => !groups.some((x) => x.id === g));
  if (unknown.length > 0)
    return err(appError('validation', `Unknown permission groups: ${unknown.join(', ')}`));
  const clash = await p.central
    .select({ id: cs.plans.id })
    .from(cs.plans)
    .where(eq(cs.plans.key, input.key));
  if (clash.some((r) => r.id !== id))
    return err(appError('conflict', `A plan with key "${input.key}" exists`));

  let planId = id;
  await p.central.transaction(async (tx) => {
    const fields = {
      key: input.key,
      name: input.name,
      pricePaise: input.pricePaise,
      billingPeriod: input.billingPeriod,
      maxUsers: input.maxUsers,
      mailCredits: input.mailCredits,
      updatedAt: p.now(),
    };
    if (planId === null) {
      const [res] = await tx.insert(cs.plans).values(fields);
      planId = res.insertId;
    } else {
      const [before] = await tx.select().from(cs.plans).where(eq(cs.plans.id, planId));
      // Razorpay plans are immutable: a new price or period needs a new provider plan.
      const priceChanged =
        before &&
        (before.pricePaise !== input.pricePaise || before.billingPeriod !== input.billingPeriod);
      await tx
        .update(cs.plans)
        .set({
          ...fields,
          version: sql`${cs.plans.version} + 1`,
          ...(priceChanged ? { razorpayPlanId: null } : {}),
        })
        .where(eq(cs.plans.id, planId));
    }
    await tx.delete(cs.planPermissionGroups).where(eq(cs.planPermissionGroups.planId, planId));
    if (input.groupIds.length > 0) {
      await tx
        .insert(cs.planPermissionGroups)
        .values(input.groupIds.map((groupId) => ({ planId: planId!, groupId })));
    }
  });
  return ok((await findPlan(p, planId!))!);
}

export async function deletePlan(p: Platform, id: number): Promise<Result<PlanView, AppError>> {
  const plan = await findPlan(p, id);
  if (!plan) return err(appError('not_found', `No plan ${id}`));
  if (plan.tenantCount > 0)
    return err(
      appError('conflict', `${plan.tenantCount} tenants are on this plan; move them first`),
    );
  await p.central.transaction(async (tx) => {
    await tx.delete(cs.planPermissionGroups).where(eq(cs.planPermissionGroups.planId, id));
    await tx.delete(cs.plans).where(eq(cs.plans.id, id));
  });
  return ok(plan);
}

/** Create or edit a permission group; every permission must belong to the group's module. */
export async function saveGroup(
  p: Platform,
  id: number | null,
  raw: unknown,
): Promise<Result<GroupView, AppError>> {
  const parsed = GroupInput.safeParse(raw);
  if (!parsed.success)
    return err(appError('validation', parsed.error.issues.map((i) => i.message).join('; ')));
  const g = parsed.data;
  const allowed = PERMISSIONS_BY_MODULE[g.module] as readonly string[];
  const foreign = g.permissions.filter((x) => !allowed.includes(x));
  if (foreign.length > 0)
    return err(appError('validation', `Not ${g.module} permissions: ${foreign.join(', ')}`));
  const clash = await p.central
    .select({ id: cs.permissionGroups.id })
    .from(cs.permissionGroups)
    .where(eq(cs.permissionGroups.key, g.key));
  if (clash.some((r) => r.id !== id))
    return err(appError('conflict', `A group with key "${g.key}" exists`));

  let groupId = id;
  await p.central.transaction(async (tx) => {
    const fields = { key: g.key, name: g.name, module: g.module, description: g.description };
    if (groupId === null) {
      const [res] = await tx.insert(cs.permissionGroups).values(fields);
      groupId = res.insertId;
    } else {
      await tx.update(cs.permissionGroups).set(fields).where(eq(cs.permissionGroups.id, groupId));
    }
    await tx
      .delete(cs.permissionGroupPermissions)
      .where(eq(cs.permissionGroupPermissions.groupId, groupId));
    await tx
      .insert(cs.permissionGroupPermissions)
      .values([...new Set(g.permissions)].map((permission) => ({ groupId: groupId!, permission })));
    // Every plan that unlocks this group now means something else: bump them.
    const planIds = (
      await tx
        .select()
        .from(cs.planPermissionGroups)
        .where(eq(cs.planPermissionGroups.groupId, groupId))
    ).map((r) => r.planId);
    if (planIds.length > 0)
      await tx
        .update(cs.plans)
        .set({ version: sql`${cs.plans.version} + 1` })
        .where(inArray(cs.plans.id, planIds));
  });
  return ok((await listGroups(p)).find((x) => x.id === groupId)!);
}

export async function plansUsingGroup(p: Platform, groupId: number): Promise<number[]> {
  const rows = await p.central
    .select()
    .from(cs.planPermissionGroups)
    .where(eq(cs.planPermissionGroups.groupId, groupId));
  return rows.map((r) => r.planId);
}

/** Who a change would reach and what they would gain or lose, before it is saved. */
export async function planImpact(
  p: Platform,
  planId: number,
  proposedGroupIds?: readonly number[],
): Promise<Result<PlanImpact, AppError>> {
  const plan = await findPlan(p, planId);
  if (!plan) return err(appError('not_found', `No plan ${planId}`));
  const groups = await listGroups(p);
  const setOf = (ids: readonly number[]) => {
    const gs = groups.filter((g) => ids.includes(g.id));
    return {
      modules: new Set(gs.map((g) => g.module)),
      permissions: new Set(gs.flatMap((g) => g.permissions)),
    };
  };
  const now = setOf(plan.groupIds);
  const next = setOf(proposedGroupIds ?? plan.groupIds);
  const diff = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();
  const tenants = await p.central
    .select({ slug: cs.tenants.slug, name: cs.tenants.name, status: cs.tenants.status })
    .from(cs.tenants)
    .where(and(eq(cs.tenants.planId, planId), inArray(cs.tenants.status, ['active', 'suspended'])))
    .orderBy(cs.tenants.slug);
  return ok({
    plan: { id: plan.id, key: plan.key, version: plan.version },
    tenants,
    addedModules: diff(next.modules, now.modules),
    removedModules: diff(now.modules, next.modules),
    addedPermissions: diff(next.permissions, now.permissions),
    removedPermissions: diff(now.permissions, next.permissions),
  });
}
