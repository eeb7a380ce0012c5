import { defineConfig } from 'vitest/config';

/** One test run for every area; slow integration suites opt into longer timeouts themselves. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
