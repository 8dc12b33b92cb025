// vitest's config for bench/pages-html.ts alone (the pages of a test council saved to compare builds).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/pages-html.ts'],
    globalSetup: ['./test/support/database-template.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
