/** The admin SPA's own types; the API's answers are shared with the server (shared/api). */
export type {
  AuditView,
  GroupView,
  PlanImpact,
  PlanView,
  PushResult,
  PushView,
  TenantView,
} from '../../shared/api/admin';
export type { SubscriptionView } from '../../shared/api/billing';

export interface Admin {
  readonly id: string;
  readonly email: string;
}

/** The modules plans unlock, in menu order (shared/permissions.ts MODULES). */
export const MODULE_NAMES: Readonly<Record<string, string>> = {
  crm: 'CRM',
  tasks: 'Tasks',
  production: 'Production',
  campaigns: 'Campaigns',
  accounting: 'Accounting',
};
