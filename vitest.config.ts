import { defineConfig } from 'vitest/config';

const BROWSER_TESTS = 'packages/*/test/e2e/**/*.browser.test.ts';

export default defineConfig({
  test: {
    // One real PostgreSQL server for the whole run; tests read its URL with inject('postgresUrl').
    globalSetup: ['packages/server/test/support/globalPostgres.ts'],
    // After a failed browser test: what its pages showed, and a signed-out start for the next test.
    setupFiles: ['packages/server/test/support/browserWatchSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    // Each test file in its own child process (pg, PGlite, Chromium and servers are not
    // thread-friendly). Two at a time: CI has 2 cores, and the API suites each start an Ovi
    // server with a database, so more parallel files would only contend.
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'logic-and-api',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', BROWSER_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [BROWSER_TESTS],
          exclude: ['**/node_modules/**', '**/dist/**'],
          // Chromium, a server and its database share two cores with another test file: a step
          // that starves past its wait is tried once more, on a signed-out page (browserWatch.ts
          // prints what the first try saw, so a real fault still shows). API and logic tests
          // are never retried: a concurrency fault there must fail the run.
          retry: 1,
        },
      },
    ],
  },
});
