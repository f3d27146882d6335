/**
 * The shapes the platform admin API (sync-server/admin/*) answers with. The admin SPA reads
 * them and the server builds them, so both import them from here.
 */

export interface TenantUsage {
  readonly users: number | null;
  /** Approximate: InnoDB's estimate from information_schema.TABLES. */
  readonly rows: number;
  readonly storageBytes: number;
  readonly mailCreditsPerMonth: number;
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
  readonly usage: TenantUsage;
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

/** Who a plan change would reach and what they would gain or lose. */
export interface PlanImpact {
  readonly plan: { readonly id: number; readonly key: string; readonly version: number };
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
  readonly state: 'ok' | 'failed' | 'pending';
  readonly attempts: number;
  readonly error?: string;
}

export interface PushView {
  readonly slug: string;
  readonly tenantId: string;
  readonly planId: number;
  readonly planVersion: number;
  readonly state: string;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly updatedAt: string;
}

export interface AuditView {
  readonly id: number;
  readonly at: string;
  readonly adminId: string | null;
  readonly adminEmail: string | null;
  readonly action: string;
  readonly target: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly requestId: string | null;
  readonly ip: string | null;
}
