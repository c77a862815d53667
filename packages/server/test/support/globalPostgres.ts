import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgresServer';

/**
 * Vitest `globalSetup`: one PostgreSQL server for the whole test run. Test files read its URL
 * with `inject('postgresUrl')` (from 'vitest') and make their own databases on it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return async () => {
    await server.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://ovi@127.0.0.1:<port>/ovi` on the run's shared PostgreSQL server (superuser `ovi`). */
    postgresUrl: string;
  }
}
