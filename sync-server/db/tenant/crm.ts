import { sql } from 'drizzle-orm';
import { bigint, boolean, date, datetime, index, int, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';

/**
 * CRM entities (docs/sync.md). Every row carries `version`, the tenant-wide change counter at
 * its last write (sync_state), and deletes are soft (`deleted`) so a pull can send the delete to
 * every device. The (version, id) index is what keeps an incremental pull proportional to what
 * changed. Personal fields of contacts are sealed with the tenant data key (`*_enc`) and have
 * blind indexes (`*_bidx`) for equality look-ups.
 */

const syncColumns = {
  version: bigint('version', { mode: 'number' }).notNull(),
  deleted: boolean('deleted').notNull().default(false),
  createdAt: datetime('created_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  updatedAt: datetime('updated_at', { fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`),
};
const id = () => varchar('id', { length: 40 }).primaryKey();
const ref = (name: string) => varchar(name, { length: 40 });

export const companies = mysqlTable('companies', {
  id: id(),
  name: varchar('name', { length: 200 }).notNull(),
  gstin: varchar('gstin', { length: 15 }),
  website: varchar('website', { length: 300 }),
  industry: varchar('industry', { length: 120 }),
  ...syncColumns,
}, (t) => [index('companies_version').on(t.version, t.id)]);

export const contacts = mysqlTable('contacts', {
  id: id(),
  name: varchar('name', { length: 200 }).notNull(),
  emailEnc: text('email_enc'),
  emailBidx: varchar('email_bidx', { length: 64 }),
  phoneEnc: text('phone_enc'),
  phoneBidx: varchar('phone_bidx', { length: 64 }),
  companyId: ref('company_id'),
  title: varchar('title', { length: 120 }),
  addressEnc: text('address_enc'),
  notes: text('notes'),
  ...syncColumns,
}, (t) => [
  index('contacts_version').on(t.version, t.id),
  index('contacts_email_bidx').on(t.emailBidx),
  index('contacts_phone_bidx').on(t.phoneBidx),
]);

export const deals = mysqlTable('deals', {
  id: id(),
  title: varchar('title', { length: 200 }).notNull(),
  stage: varchar('stage', { length: 20 }).notNull(),
  valuePaise: bigint('value_paise', { mode: 'number' }).notNull(),
  currency: varchar('currency', { length: 3 }).notNull(),
  ownerId: ref('owner_id'),
  expectedClose: date('expected_close', { mode: 'string' }),
  probability: int('probability').notNull(),
  lostReason: varchar('lost_reason', { length: 500 }),
  companyId: ref('company_id'),
  contactId: ref('contact_id'),
  position: varchar('position', { length: 200 }).notNull(),
  ...syncColumns,
}, (t) => [index('deals_version').on(t.version, t.id)]);

export const tasks = mysqlTable('tasks', {
  id: id(),
  title: varchar('title', { length: 300 }).notNull(),
  status: varchar('status', { length: 20 }).notNull(),
  assigneeId: ref('assignee_id'),
  dueDate: date('due_date', { mode: 'string' }),
  priority: varchar('priority', { length: 10 }).notNull(),
  dealId: ref('deal_id'),
  contactId: ref('contact_id'),
  createdBy: ref('created_by').notNull(),
  commentCount: int('comment_count').notNull().default(0),
  ...syncColumns,
}, (t) => [index('tasks_version').on(t.version, t.id)]);

export const comments = mysqlTable('comments', {
  id: id(),
  taskId: ref('task_id').notNull(),
  body: text('body').notNull(),
  /** JSON array of user ids. */
  mentions: text('mentions').notNull(),
  authorId: ref('author_id').notNull(),
  ...syncColumns,
}, (t) => [index('comments_version').on(t.version, t.id), index('comments_task').on(t.taskId)]);
