import { defineConfig } from 'vitest/config';

/**
 * One test run for every area; slow integration suites opt into longer timeouts themselves. The global
 * setup starts DynamoDB Local and the SES emulator once (about 3 s) and stops them at the end.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/services.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
