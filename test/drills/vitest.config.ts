import { defineConfig } from 'vitest/config';

/**
 * `npm run test:drills`: the crash drill (kill -9 of `npm start` at random moments, six trials, several
 * minutes). The other drills are ordinary tests and run in `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/drills/**/*.drill.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
