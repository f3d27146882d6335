import { sql } from 'drizzle-orm';
import { datetime, mediumtext, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';

/**
 * The MariaDB search adapter's index: one row per searchable entity. The FULLTEXT index on
 * (title, body) is created by a hand-written migration, since drizzle has no FULLTEXT builder.
 */
export const searchIndex = mysqlTable('search_index', {
  type: varchar('type', { length: 20 }).notNull(),
  id: varchar('id', { length: 64 }).notNull(),
  title: varchar('title', { length: 500 }).notNull(),
  body: mediumtext('body').notNull(),
  updatedAt: datetime('updated_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
}, (t) => [primaryKey({ columns: [t.type, t.id] })]);
