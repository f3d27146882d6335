import { sql } from 'drizzle-orm';
import { datetime, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';

/**
 * Secrets a tenant stores with us (API keys, webhook secrets, SMTP passwords), each sealed
 * with the tenant data key (docs/tenancy.md, T-15). Read them only through
 * sync-server/security/secrets.ts.
 */
export const tenantSecrets = mysqlTable('tenant_secrets', {
  name: varchar('name', { length: 120 }).primaryKey(),
  valueEnc: text('value_enc').notNull(),
  updatedAt: datetime('updated_at', { fsp: 3 })
    .notNull()
    .default(sql`CURRENT_TIMESTAMP(3)`),
});
