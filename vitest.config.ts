import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Migrates one database for the whole run; each test file's database is a copy of it.
    globalSetup: ['./test/support/database-template.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite is CPU-bound WebAssembly; two cores, so two workers.
    maxWorkers: 2,
    pool: 'forks',
  },
});
