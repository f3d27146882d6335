import { sql } from 'drizzle-orm';
import { boolean, datetime, index, int, mysqlTable, primaryKey, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';

/** Identity, roles, sessions and the plan's permission set, inside each tenant's database. */

const created = () => datetime('created_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`);

export const users = mysqlTable('users', {
  id: varchar('id', { length: 26 }).primaryKey(),
  email: varchar('email', { length: 254 }).notNull(),
  name: varchar('name', { length: 200 }).notNull(),
  passwordHash: varchar('password_hash', { length: 255 }).notNull(),
  /** Personal field: encrypted with the tenant data key; `phone_bidx` is its blind index. */
  phoneEnc: text('phone_enc'),
  phoneBidx: varchar('phone_bidx', { length: 64 }),
  active: boolean('active').notNull().default(true),
  createdAt: created(),
}, (t) => [uniqueIndex('users_email').on(t.email), index('users_phone_bidx').on(t.phoneBidx)]);

export const roles = mysqlTable('roles', {
  key: varchar('key', { length: 40 }).primaryKey(),
  name: varchar('name', { length: 120 }).notNull(),
});

export const rolePermissions = mysqlTable('role_permissions', {
  roleKey: varchar('role_key', { length: 40 }).notNull(),
  permission: varchar('permission', { length: 80 }).notNull(),
}, (t) => [primaryKey({ columns: [t.roleKey, t.permission] })]);

export const userRoles = mysqlTable('user_roles', {
  userId: varchar('user_id', { length: 26 }).notNull(),
  roleKey: varchar('role_key', { length: 40 }).notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.roleKey] })]);

/** What the tenant's plan allows, as last upserted by `permissions:update`. */
export const planPermissions = mysqlTable('plan_permissions', {
  permission: varchar('permission', { length: 80 }).primaryKey(),
  module: varchar('module', { length: 40 }).notNull(),
});

export const tenantSettings = mysqlTable('tenant_settings', {
  key: varchar('key', { length: 64 }).primaryKey(),
  value: text('value').notNull(),
});

export const sessions = mysqlTable('sessions', {
  id: varchar('id', { length: 26 }).primaryKey(),
  /** Only a hash of the token is stored: a leaked table does not yield usable sessions. */
  tokenHash: varchar('token_hash', { length: 64 }).notNull(),
  userId: varchar('user_id', { length: 26 }).notNull(),
  deviceId: varchar('device_id', { length: 64 }),
  /** A limited session waits for new-device approval and can do nothing else. */
  limited: boolean('limited').notNull().default(false),
  createdAt: created(),
  lastSeenAt: datetime('last_seen_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  expiresAt: datetime('expires_at', { fsp: 3 }).notNull(),
  revokedAt: datetime('revoked_at', { fsp: 3 }),
}, (t) => [uniqueIndex('sessions_token_hash').on(t.tokenHash), index('sessions_user').on(t.userId)]);

export const devices = mysqlTable('devices', {
  id: varchar('id', { length: 26 }).primaryKey(),
  userId: varchar('user_id', { length: 26 }).notNull(),
  deviceHash: varchar('device_hash', { length: 64 }).notNull(),
  label: varchar('label', { length: 200 }),
  approvedAt: datetime('approved_at', { fsp: 3 }),
  createdAt: created(),
}, (t) => [uniqueIndex('devices_user_device').on(t.userId, t.deviceHash)]);

export const deviceCodes = mysqlTable('device_codes', {
  id: varchar('id', { length: 26 }).primaryKey(),
  sessionId: varchar('session_id', { length: 26 }).notNull(),
  codeHash: varchar('code_hash', { length: 64 }).notNull(),
  attempts: int('attempts').notNull().default(0),
  expiresAt: datetime('expires_at', { fsp: 3 }).notNull(),
  usedAt: datetime('used_at', { fsp: 3 }),
  createdAt: created(),
}, (t) => [index('device_codes_session').on(t.sessionId)]);
