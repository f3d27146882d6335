import { sql } from 'drizzle-orm';
import { bigint, customType, datetime, index, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/**
 * Collaborative notes (Yjs documents). `note_documents.state` is the compacted document;
 * `note_updates` holds the updates received since, appended as they arrive and folded into
 * the state when there are many or when the last editor leaves (sync-server/notes/store.ts).
 */

const longblob = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'longblob',
});

export const noteDocuments = mysqlTable('note_documents', {
  name: varchar('name', { length: 120 }).primaryKey(),
  state: longblob('state').notNull(),
  updatedAt: datetime('updated_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
});

export const noteUpdates = mysqlTable('note_updates', {
  id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
  name: varchar('name', { length: 120 }).notNull(),
  update: longblob('update').notNull(),
  createdAt: datetime('created_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
}, (t) => [index('note_updates_name').on(t.name, t.id)]);
