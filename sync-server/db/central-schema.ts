import { sql } from 'drizzle-orm';
import {
  bigint, boolean, datetime, index, int, mysqlTable, primaryKey, text, uniqueIndex, varchar,
} from 'drizzle-orm/mysql-core';

/**
 * The central catalog: one database for the whole platform. It knows where each tenant's
 * data lives but holds none of it (docs/tenancy.md, T-1).
 */

const now = () => datetime('created_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`);

export const platformMeta = mysqlTable('platform_meta', {
  key: varchar('key', { length: 64 }).primaryKey(),
  value: text('value').notNull(),
});

export const plans = mysqlTable('plans', {
  id: int('id').autoincrement().primaryKey(),
  key: varchar('key', { length: 40 }).notNull(),
  name: varchar('name', { length: 120 }).notNull(),
  pricePaise: bigint('price_paise', { mode: 'number' }).notNull().default(0),
  billingPeriod: varchar('billing_period', { length: 16 }).notNull().default('monthly'),
  maxUsers: int('max_users').notNull().default(5),
  mailCredits: int('mail_credits').notNull().default(0),
  razorpayPlanId: varchar('razorpay_plan_id', { length: 64 }),
  /** Bumped on every change, so tenants can tell a stale permission set from a current one. */
  version: int('version').notNull().default(1),
  createdAt: now(),
  updatedAt: datetime('updated_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
}, (t) => [uniqueIndex('plans_key').on(t.key)]);

export const permissionGroups = mysqlTable('permission_groups', {
  id: int('id').autoincrement().primaryKey(),
  key: varchar('key', { length: 60 }).notNull(),
  name: varchar('name', { length: 120 }).notNull(),
  module: varchar('module', { length: 40 }).notNull(),
  description: text('description'),
}, (t) => [uniqueIndex('permission_groups_key').on(t.key)]);

export const permissionGroupPermissions = mysqlTable('permission_group_permissions', {
  groupId: int('group_id').notNull(),
  permission: varchar('permission', { length: 80 }).notNull(),
}, (t) => [primaryKey({ columns: [t.groupId, t.permission] })]);

export const planPermissionGroups = mysqlTable('plan_permission_groups', {
  planId: int('plan_id').notNull(),
  groupId: int('group_id').notNull(),
}, (t) => [primaryKey({ columns: [t.planId, t.groupId] })]);

export const TENANT_STATUSES = ['provisioning', 'active', 'suspended', 'failed'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const tenants = mysqlTable('tenants', {
  id: varchar('id', { length: 26 }).primaryKey(),
  slug: varchar('slug', { length: 40 }).notNull(),
  name: varchar('name', { length: 200 }).notNull(),
  status: varchar('status', { length: 16 }).$type<TenantStatus>().notNull(),
  statusReason: text('status_reason'),
  planId: int('plan_id').notNull(),
  dbServer: varchar('db_server', { length: 40 }).notNull().default('primary'),
  dbHost: varchar('db_host', { length: 255 }).notNull(),
  dbName: varchar('db_name', { length: 64 }).notNull(),
  dbUser: varchar('db_user', { length: 80 }).notNull(),
  /** The tenant's database password, encrypted under the master key. */
  dbPasswordEnc: text('db_password_enc').notNull(),
  /** The tenant's data key, wrapped (AES-256-GCM) by the master key. */
  dataKeyWrapped: text('data_key_wrapped').notNull(),
  ownerEmail: varchar('owner_email', { length: 254 }).notNull(),
  deviceApproval: boolean('device_approval').notNull().default(true),
  createdAt: now(),
  updatedAt: datetime('updated_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
}, (t) => [uniqueIndex('tenants_slug').on(t.slug), index('tenants_status').on(t.status)]);

export const adminUsers = mysqlTable('admin_users', {
  id: varchar('id', { length: 26 }).primaryKey(),
  email: varchar('email', { length: 254 }).notNull(),
  passwordHash: varchar('password_hash', { length: 255 }).notNull(),
  totpSecretEnc: text('totp_secret_enc').notNull(),
  createdAt: now(),
}, (t) => [uniqueIndex('admin_users_email').on(t.email)]);
export * from './central-admin';
