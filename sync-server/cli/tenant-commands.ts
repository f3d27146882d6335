import { createApp } from '../http/app';
import { migrateTenants } from '../tenancy/migrate-all';
import { centralClient, updateTenantPermissions } from '../tenancy/permissions-update';
import { deleteTenant, provisionTenant, setTenantStatus } from '../tenancy/provision';
import { listTenants } from '../tenancy/tenant-record';
import type { Platform } from '../platform/platform';
import { onOff, requirePositional, requireString, UsageError, type Command } from './command';
import { eq } from 'drizzle-orm';
import * as c from '../db/central-schema';

export const tenantCreate: Command = {
  name: 'tenant:create',
  usage: 'tenant:create <slug> --name N --plan P --owner-email E --owner-password W [--device-approval on|off] [--db-server NAME]',
  summary: 'Provision a tenant: database, user, key, schema, roles, owner',
  options: {
    name: { type: 'string' }, plan: { type: 'string' }, 'owner-email': { type: 'string' },
    'owner-password': { type: 'string' }, 'device-approval': { type: 'string' }, 'db-server': { type: 'string' },
  },
  async run({ p, args, io }) {
    const slug = requirePositional(args, 0, '<slug>');
    const result = await provisionTenant(p, {
      slug,
      name: requireString(args, 'name'),
      plan: requireString(args, 'plan'),
      ownerEmail: requireString(args, 'owner-email'),
      ownerPassword: requireString(args, 'owner-password'),
      deviceApproval: onOff(args.values['device-approval'], 'device-approval', true),
      dbServer: typeof args.values['db-server'] === 'string' ? args.values['db-server'] : 'primary',
    }, { onStep: (s) => io.err(`  ${s}...`) });
    if (!result.ok) {
      io.err(`error: ${result.error.message}`);
      return result.error.code === 'internal' ? 1 : 2;
    }
    io.out(`Tenant ${result.value.slug} is active (database ${result.value.dbName}).`);
    return 0;
  },
};

export const tenantList: Command = {
  name: 'tenant:list',
  usage: 'tenant:list [--json]',
  summary: 'List tenants with status, plan and database',
  options: { json: { type: 'boolean' } },
  async run({ p, args, io }) {
    const rows = await listTenants(p.central);
    const plans = new Map((await p.central.select().from(c.plans)).map((pl) => [pl.id, pl.key]));
    const view = rows.map((t) => ({
      slug: t.slug, name: t.name, status: t.status, plan: plans.get(t.planId) ?? '?',
      dbHost: t.dbHost, dbName: t.dbName, createdAt: t.createdAt.toISOString(),
      ...(t.statusReason ? { reason: t.statusReason } : {}),
    }));
    if (args.values.json) {
      io.out(JSON.stringify(view, null, 2));
      return 0;
    }
    io.out(table(['slug', 'status', 'plan', 'database', 'created'], view.map((v) => [v.slug, v.status, v.plan, `${v.dbHost}/${v.dbName}`, v.createdAt.slice(0, 10)])));
    return 0;
  },
};

function statusCommand(name: string, status: 'active' | 'suspended'): Command {
  return {
    name,
    usage: `${name} <slug>`,
    summary: status === 'active' ? 'Let a suspended tenant in again' : 'Refuse every request to a tenant (423)',
    async run({ p, args, io }) {
      const slug = requirePositional(args, 0, '<slug>');
      const r = await setTenantStatus(p, slug, status);
      if (!r.ok) {
        io.err(`error: ${r.error.message}`);
        return 2;
      }
      io.out(`Tenant ${slug} is ${status}.`);
      return 0;
    },
  };
}

export const tenantSuspend = statusCommand('tenant:suspend', 'suspended');
export const tenantResume = statusCommand('tenant:resume', 'active');

export const tenantDelete: Command = {
  name: 'tenant:delete',
  usage: 'tenant:delete <slug> --yes',
  summary: 'Delete a tenant, its database and its database user',
  options: { yes: { type: 'boolean' } },
  async run({ p, args, io }) {
    const slug = requirePositional(args, 0, '<slug>');
    if (!args.values.yes) throw new UsageError('tenant:delete destroys all of the tenant\'s data; pass --yes to confirm');
    const r = await deleteTenant(p, slug);
    if (!r.ok) {
      io.err(`error: ${r.error.message}`);
      return 2;
    }
    io.out(`Tenant ${slug} deleted.`);
    return 0;
  },
};

export const tenantMigrate: Command = {
  name: 'tenant:migrate',
  usage: 'tenant:migrate [<slug>|--all] [--concurrency N]',
  summary: 'Apply pending tenant migrations; one failure does not stop the rest',
  options: { all: { type: 'boolean' }, concurrency: { type: 'string' } },
  async run({ p, args, io }) {
    const slug = args.positionals[0];
    if (!slug && !args.values.all) throw new UsageError('name a tenant or pass --all');
    if (slug && args.values.all) throw new UsageError('give a tenant or --all, not both');
    const concurrency = parseConcurrency(args.values.concurrency);
    if (slug && !(await listTenants(p.central)).some((t) => t.slug === slug)) {
      io.err(`error: no tenant "${slug}"`);
      return 2;
    }
    const results = await migrateTenants(p, { ...(slug ? { slugs: [slug] } : {}), concurrency });
    io.out(table(['tenant', 'result', 'ms', 'error'], results.map((r) => [r.slug, r.ok ? 'ok' : 'FAILED', String(r.ms), r.error ?? ''])));
    const failed = results.filter((r) => !r.ok).length;
    io.out(`${results.length - failed} migrated, ${failed} failed`);
    return failed > 0 ? 1 : 0;
  },
};

export const permissionsUpdate: Command = {
  name: 'permissions:update',
  usage: 'permissions:update [<slug>|--all]',
  summary: 'Fetch each tenant\'s plan from the central API and upsert its permissions',
  options: { all: { type: 'boolean' } },
  async run({ p, args, io }) {
    const slug = args.positionals[0];
    if (!slug && !args.values.all) throw new UsageError('name a tenant or pass --all');
    const slugs = slug ? [slug] : (await listTenants(p.central)).filter((t) => t.status === 'active' || t.status === 'suspended').map((t) => t.slug);
    const client = centralClient(p, lazyApp(p));
    let failed = 0;
    for (const s of slugs) {
      const r = await updateTenantPermissions(p, client, s);
      if (r.ok) io.out(`${s}: plan ${r.value.planKey} v${r.value.version}, ${r.value.permissions.length} permissions`);
      else {
        failed++;
        io.err(`${s}: ${r.error.message}`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};

export function lazyApp(p: Platform) {
  let app: ReturnType<typeof createApp> | undefined;
  return () => (app ??= createApp(p));
}

export function parseConcurrency(v: string | boolean | undefined): number {
  if (v === undefined) return 4;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--concurrency takes a whole number from 1 to 64');
  return n;
}

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export async function tenantExists(p: Platform, slug: string): Promise<boolean> {
  return (await p.central.select({ id: c.tenants.id }).from(c.tenants).where(eq(c.tenants.slug, slug))).length > 0;
}
