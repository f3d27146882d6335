import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'mysql',
  schema: './sync-server/db/tenant-schema.ts',
  out: './migrations/tenant',
});
