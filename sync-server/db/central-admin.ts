import { sql } from 'drizzle-orm';
import {
  bigint,
  datetime,
  index,
  int,
  mysqlTable,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';

/**
 * Central tables of the platform console: admin sessions, the append-only audit log,
 * per-tenant subscriptions, received billing webhooks and per-tenant permission pushes.
 */

const at = (name: string) => datetime(name, { fsp: 3 });
const created = () =>
  at('created_at')
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`);

/** Only a hash of the token is stored, as for tenant sessions. */
export const adminSessions = mysqlTable(
  'admin_sessions',
  {
    id: varchar('id', { length: 26 }).primaryKey(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull(),
    adminId: varchar('admin_id', { length: 26 }).notNull(),
    createdAt: created(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (t) => [
    uniqueIndex('admin_sessions_token_hash').on(t.tokenHash),
    index('admin_sessions_admin').on(t.adminId),
  ],
);

/**
 * TOTP codes already used, so one code can't sign in twice inside its window. Rows older
 * than the window are useless and may be pruned.
 */
export const adminTotpUsed = mysqlTable(
  'admin_totp_used',
  {
    adminId: varchar('admin_id', { length: 26 }).notNull(),
    /** The 30-second step the code belongs to. */
    step: bigint('step', { mode: 'number' }).notNull(),
    usedAt: created(),
  },
  (t) => [uniqueIndex('admin_totp_used_admin_step').on(t.adminId, t.step)],
);

/**
 * Every admin action and billing-driven change. The application never updates or deletes a
 * row, and a trigger (migration `audit_log_append_only`) refuses it at the database too.
 */
export const auditLog = mysqlTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).autoincrement().primaryKey(),
    at: at('at')
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`),
    /** `null` for actions the platform takes itself (webhooks, grace-period suspension). */
    adminId: varchar('admin_id', { length: 26 }),
    adminEmail: varchar('admin_email', { length: 254 }),
    action: varchar('action', { length: 60 }).notNull(),
    target: varchar('target', { length: 120 }).notNull(),
    before: text('before_json'),
    after: text('after_json'),
    requestId: varchar('request_id', { length: 40 }),
    ip: varchar('ip', { length: 64 }),
  },
  (t) => [
    index('audit_log_at').on(t.at),
    index('audit_log_action').on(t.action),
    index('audit_log_target').on(t.target),
  ],
);

export const SUBSCRIPTION_STATUSES = [
  'created',
  'authenticated',
  'active',
  'pending',
  'halted',
  'cancelled',
  'completed',
  'expired',
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** One row per tenant: its current subscription, whichever adapter (razorpay, manual) made it. */
export const subscriptions = mysqlTable(
  'subscriptions',
  {
    tenantId: varchar('tenant_id', { length: 26 }).primaryKey(),
    provider: varchar('provider', { length: 16 }).notNull(),
    externalId: varchar('external_id', { length: 64 }).notNull(),
    planId: int('plan_id').notNull(),
    status: varchar('status', { length: 16 }).$type<SubscriptionStatus>().notNull(),
    currentPeriodEnd: at('current_period_end'),
    haltedAt: at('halted_at'),
    /** `created_at` of the newest provider event applied; older events are stale. */
    lastEventAt: bigint('last_event_at', { mode: 'number' }).notNull().default(0),
    lastPaymentError: text('last_payment_error'),
    createdAt: created(),
    updatedAt: at('updated_at')
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [uniqueIndex('subscriptions_external').on(t.provider, t.externalId)],
);

/** Webhook deliveries by event id: the unique key makes a replay a no-op. */
export const webhookEvents = mysqlTable('webhook_events', {
  eventId: varchar('event_id', { length: 80 }).primaryKey(),
  provider: varchar('provider', { length: 16 }).notNull(),
  event: varchar('event', { length: 60 }).notNull(),
  /** applied | stale | ignored */
  outcome: varchar('outcome', { length: 16 }).notNull(),
  receivedAt: created(),
});

export const PUSH_STATES = ['pending', 'ok', 'failed'] as const;
export type PushState = (typeof PUSH_STATES)[number];

/** The last permission push to each tenant, shown (and retried) in the admin SPA. */
export const permissionPushes = mysqlTable('permission_pushes', {
  tenantId: varchar('tenant_id', { length: 26 }).primaryKey(),
  planId: int('plan_id').notNull(),
  planVersion: int('plan_version').notNull(),
  state: varchar('state', { length: 16 }).$type<PushState>().notNull(),
  attempts: int('attempts').notNull().default(0),
  lastError: text('last_error'),
  updatedAt: at('updated_at')
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`),
});
