/**
 * The permission catalogue. Modules are what plans unlock (through permission groups);
 * permissions are what roles grant inside a tenant. A user's effective set is the union of
 * their roles' grants intersected with what the tenant's plan allows (docs/tenancy.md, T-10).
 */

export const MODULES = ['crm', 'tasks', 'production', 'campaigns', 'accounting'] as const;
export type Module = (typeof MODULES)[number];

export const PERMISSIONS_BY_MODULE = {
  crm: [
    'contacts.read', 'contacts.create', 'contacts.update', 'contacts.delete',
    'companies.read', 'companies.create', 'companies.update', 'companies.delete',
    'deals.read', 'deals.create', 'deals.update', 'deals.delete',
  ],
  tasks: [
    'tasks.read', 'tasks.create', 'tasks.update', 'tasks.delete',
    'comments.read', 'comments.create', 'comments.delete', 'notes.edit',
  ],
  production: ['production.read', 'production.write'],
  campaigns: ['campaigns.read', 'campaigns.send'],
  accounting: [
    'accounting.read', 'invoices.create', 'invoices.post', 'ledgers.manage', 'gst.export',
  ],
} as const satisfies Record<Module, readonly string[]>;

export type Permission = (typeof PERMISSIONS_BY_MODULE)[Module][number];

/** Tenant-administration permissions are never gated by plan: every plan can manage users. */
export const ADMIN_PERMISSIONS = ['users.manage', 'settings.manage'] as const;
export type AdminPermission = (typeof ADMIN_PERMISSIONS)[number];

export type AnyPermission = Permission | AdminPermission;

export const ALL_PERMISSIONS: readonly AnyPermission[] = [
  ...MODULES.flatMap((m) => PERMISSIONS_BY_MODULE[m]),
  ...ADMIN_PERMISSIONS,
];

export function moduleOf(p: AnyPermission): Module | null {
  for (const m of MODULES) {
    if ((PERMISSIONS_BY_MODULE[m] as readonly string[]).includes(p)) return m;
  }
  return null;
}

export function isPermission(p: string): p is AnyPermission {
  return (ALL_PERMISSIONS as readonly string[]).includes(p);
}

export const ROLES = ['owner', 'manager', 'sales_rep', 'accountant', 'production'] as const;
export type Role = (typeof ROLES)[number];

const all = (m: Module): readonly Permission[] => PERMISSIONS_BY_MODULE[m];
const reads = (m: Module): readonly Permission[] => all(m).filter((p) => p.endsWith('.read'));

/** Default grants seeded into every new tenant; the owner can change them later. */
export const DEFAULT_ROLE_GRANTS: Readonly<Record<Role, readonly AnyPermission[]>> = {
  owner: ALL_PERMISSIONS,
  manager: [...all('crm'), ...all('tasks'), ...all('campaigns'), ...reads('accounting'), ...reads('production')],
  sales_rep: [
    'contacts.read', 'contacts.create', 'contacts.update',
    'companies.read', 'companies.create', 'companies.update',
    'deals.read', 'deals.create', 'deals.update',
    'tasks.read', 'tasks.create', 'tasks.update',
    'comments.read', 'comments.create', 'notes.edit',
  ],
  accountant: [...all('accounting'), 'contacts.read', 'companies.read', 'tasks.read', 'comments.read', 'comments.create'],
  production: [...all('production'), 'tasks.read', 'tasks.update', 'comments.read', 'comments.create', 'notes.edit'],
};

/** The three plans a fresh install seeds; the admin SPA can edit them or add more. */
export const SEED_PLANS = [
  { key: 'starter', name: 'Starter', priceMonthlyPaise: 99_900, modules: ['crm', 'tasks'], maxUsers: 5, mailCredits: 1_000 },
  { key: 'growth', name: 'Growth', priceMonthlyPaise: 299_900, modules: ['crm', 'tasks', 'campaigns', 'accounting'], maxUsers: 25, mailCredits: 10_000 },
  { key: 'enterprise', name: 'Enterprise', priceMonthlyPaise: 999_900, modules: ['crm', 'tasks', 'campaigns', 'accounting', 'production'], maxUsers: 500, mailCredits: 100_000 },
] as const satisfies readonly { key: string; name: string; priceMonthlyPaise: number; modules: readonly Module[]; maxUsers: number; mailCredits: number }[];

/** Effective permissions: role grants, cut down to the plan's modules; admin ones always pass. */
export function effectivePermissions(
  roleGrants: Iterable<string>,
  planPermissions: ReadonlySet<string>,
): Set<AnyPermission> {
  const out = new Set<AnyPermission>();
  for (const p of roleGrants) {
    if (!isPermission(p)) continue;
    if (moduleOf(p) === null || planPermissions.has(p)) out.add(p);
  }
  return out;
}
