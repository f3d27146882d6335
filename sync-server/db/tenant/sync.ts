import { sql } from 'drizzle-orm';
import { bigint, datetime, index, int, mysqlTable, primaryKey, text, tinyint, varchar } from 'drizzle-orm/mysql-core';

/** Replicache bookkeeping in each tenant's database (docs/sync.md, S-3 to S-8, S-13). */

const created = () => datetime('created_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`);

/**
 * One row: the tenant-wide change counter. Every mutation transaction bumps it first and holds
 * its row lock until commit, so versions commit in order and a pull's snapshot never misses a
 * lower version that commits later (S-13).
 */
export const syncState = mysqlTable('sync_state', {
  id: tinyint('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

export const replicacheClientGroups = mysqlTable('replicache_client_group', {
  id: varchar('id', { length: 64 }).primaryKey(),
  /** The owner: another user presenting this id is refused (S-8). */
  userId: varchar('user_id', { length: 26 }).notNull(),
  cvrVersion: int('cvr_version').notNull().default(0),
  createdAt: created(),
  lastPullAt: datetime('last_pull_at', { fsp: 3 }),
});

export const replicacheClients = mysqlTable('replicache_client', {
  id: varchar('id', { length: 64 }).primaryKey(),
  clientGroupId: varchar('client_group_id', { length: 64 }).notNull(),
  lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull(),
  /** sync_state version of the last change to lastMutationId, for lastMutationIDChanges. */
  version: bigint('version', { mode: 'number' }).notNull(),
  createdAt: created(),
}, (t) => [index('replicache_client_group_version').on(t.clientGroupId, t.version)]);

/** Client view records: what a client group was sent, per cookie (S-13). */
export const replicacheCvrs = mysqlTable('replicache_cvr', {
  clientGroupId: varchar('client_group_id', { length: 64 }).notNull(),
  cvrVersion: int('cvr_version').notNull(),
  state: text('state').notNull(),
  createdAt: created(),
}, (t) => [primaryKey({ columns: [t.clientGroupId, t.cvrVersion] })]);

/** Why a mutation was refused; reaches the device as `rejection/<clientID>/<mutationID>` (S-5). */
export const syncRejections = mysqlTable('sync_rejection', {
  clientId: varchar('client_id', { length: 64 }).notNull(),
  mutationId: bigint('mutation_id', { mode: 'number' }).notNull(),
  clientGroupId: varchar('client_group_id', { length: 64 }).notNull(),
  name: varchar('name', { length: 80 }).notNull(),
  code: varchar('code', { length: 40 }).notNull(),
  message: varchar('message', { length: 500 }).notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
  createdAt: created(),
}, (t) => [
  primaryKey({ columns: [t.clientId, t.mutationId] }),
  index('sync_rejection_group_version').on(t.clientGroupId, t.version),
]);
