import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'mysql',
  schema: './sync-server/db/central-schema.ts',
  out: './migrations/central',
});
