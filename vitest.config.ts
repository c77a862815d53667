import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // One real PostgreSQL server for the whole run; tests read its URL with inject('postgresUrl').
    globalSetup: ['packages/server/test/support/globalPostgres.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    // Each test file in its own child process (pg, PGlite, Chromium and servers are not
    // thread-friendly). Two at a time: CI has 2 cores, and the API suites each start an Ovi
    // server with a database, so more parallel files would only contend.
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
  },
});
