/** The shapes the admin API answers with (sync-server/admin/*); kept here, not imported. */

export interface Admin {
  readonly id: string;
  readonly email: string;
}

export interface TenantView {
  readonly slug: string;
  readonly name: string;
  readonly status: string;
  readonly statusReason: string | null;
  readonly plan: { readonly id: number; readonly key: string; readonly name: string };
  readonly dbServer: string;
  readonly dbHost: string;
  readonly dbName: string;
  readonly createdAt: string;
  readonly usage: {
    readonly users: number | null;
    readonly rows: number;
    readonly storageBytes: number;
    readonly mailCreditsPerMonth: number;
  };
}

export interface PlanView {
  readonly id: number;
  readonly key: string;
  readonly name: string;
  readonly pricePaise: number;
  readonly billingPeriod: string;
  readonly maxUsers: number;
  readonly mailCredits: number;
  readonly version: number;
  readonly razorpayPlanId: string | null;
  readonly groupIds: readonly number[];
  readonly tenantCount: number;
}

export interface GroupView {
  readonly id: number;
  readonly key: string;
  readonly name: string;
  readonly module: string;
  readonly description: string | null;
  readonly permissions: readonly string[];
}

export interface PlanImpact {
  readonly tenants: readonly {
    readonly slug: string;
    readonly name: string;
    readonly status: string;
  }[];
  readonly addedModules: readonly string[];
  readonly removedModules: readonly string[];
  readonly addedPermissions: readonly string[];
  readonly removedPermissions: readonly string[];
}

export interface PushResult {
  readonly slug: string;
  readonly state: string;
  readonly attempts: number;
  readonly error?: string;
}

export interface PushView {
  readonly slug: string;
  readonly planId: number;
  readonly planVersion: number;
  readonly state: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly updatedAt: string;
}

export interface SubscriptionView {
  readonly tenant: string;
  readonly provider: string;
  readonly externalId: string;
  readonly plan: { readonly key: string; readonly name: string };
  readonly status: string;
  readonly currentPeriodEnd: string | null;
  readonly haltedAt: string | null;
  readonly lastPaymentError: string | null;
  readonly updatedAt: string;
}

export interface AuditView {
  readonly id: number;
  readonly at: string;
  readonly adminEmail: string | null;
  readonly action: string;
  readonly target: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly requestId: string | null;
  readonly ip: string | null;
}

/** The modules plans unlock, in menu order (shared/permissions.ts MODULES). */
export const MODULE_NAMES: Readonly<Record<string, string>> = {
  crm: 'CRM',
  tasks: 'Tasks',
  production: 'Production',
  campaigns: 'Campaigns',
  accounting: 'Accounting',
};
