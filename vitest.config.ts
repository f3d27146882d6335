import { defineConfig } from 'vitest/config';

// Integration tests share one MariaDB and one Redis; each test file gets its own database
// prefix (tests/helpers/platform.ts), so files may run in parallel. Two cores: keep it at 2.
export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**', '.data/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
