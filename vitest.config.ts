import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check-seed.ts', 'test/setup/nesting-check.ts'],
    // A PostgreSQL server for the storage tests: TEST_DATABASE_URL, or a throwaway one (fails loudly if neither).
    globalSetup: ['test/setup/postgres.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
