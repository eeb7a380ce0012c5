import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/sequencer.js';

/**
 * One test run for every area; slow integration suites opt into longer timeouts themselves. The global
 * setup starts DynamoDB Local, the SES emulator and the S3-compatible server once (about 3 s) and stops them at the end.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/services.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time on CI's two cores: a run waits on DynamoDB Local, the emulators and Chromium
    // as much as it computes (733 s against 818 s one at a time, with more files).
    maxWorkers: 2,
    // The longest files first, from the last run's durations or test/support/durations.json on a clean checkout.
    sequence: { sequencer: LongestFirst },
  },
});
