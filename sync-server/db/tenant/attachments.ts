import { sql } from 'drizzle-orm';
import { bigint, datetime, index, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/**
 * Files attached to a task or deal (documents, photos, audio notes). The bytes live in the
 * storage adapter under the attachment id; this row is what access checks read.
 */
export const attachments = mysqlTable('attachments', {
  id: varchar('id', { length: 26 }).primaryKey(),
  taskId: varchar('task_id', { length: 64 }),
  dealId: varchar('deal_id', { length: 64 }),
  name: varchar('name', { length: 255 }).notNull(),
  contentType: varchar('content_type', { length: 120 }).notNull(),
  size: bigint('size', { mode: 'number', unsigned: true }).notNull(),
  sha256: varchar('sha256', { length: 64 }).notNull(),
  uploadedBy: varchar('uploaded_by', { length: 26 }).notNull(),
  createdAt: datetime('created_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
}, (t) => [index('attachments_task').on(t.taskId), index('attachments_deal').on(t.dealId)]);
