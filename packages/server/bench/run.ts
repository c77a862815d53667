/**
 * `npm run bench`: starts its own PostgreSQL in a temporary folder, runs the benchmarks and
 * writes bench-results/results.json and bench-results/summary.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOvi } from '../src/app';
import { startPostgres } from '../test/support/postgresServer';
import { benchScheduling } from './schedulingBench';
import type { ChildProcess } from 'node:child_process';
import { benchThroughput, freePort, startProcess } from './throughputBench';
import { summarize } from './summary';
import { benchEmbedded } from './embeddedBench';

const professionals = Number(process.env.BENCH_PROFESSIONALS ?? 500);
const months = Number(process.env.BENCH_MONTHS ?? 6);
const out = join(process.cwd(), 'bench-results');

const postgres = await startPostgres();
try {
  const ovi = await createOvi({ port: 0, host: '127.0.0.1', databaseUrl: postgres.url, seedDemo: false, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0 });
  const only = process.env.BENCH_ONLY;
  let server: ChildProcess | undefined;
  const serverUrl = async () => {
    const port = await freePort();
    const env = { DATABASE_URL: postgres.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', OVI_DEMO: 'false', OVI_REMINDER_INTERVAL_MINUTES: '0' };
    server = await startProcess('packages/server/src/main.ts', env, `http://127.0.0.1:${port}/healthz`);
    return `http://127.0.0.1:${port}`;
  };
  const scheduling = only === 'throughput' || only === 'embedded' ? undefined : await benchScheduling(ovi, serverUrl, professionals, months);
  server?.kill('SIGTERM');
  await ovi.close();
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const throughput = only === 'scheduling' || only === 'embedded' ? undefined : await benchThroughput(postgres.url, seconds);
  const embedded = only === 'scheduling' || only === 'throughput' ? undefined : await benchEmbedded(seconds);
  const results = { measuredAt: new Date().toISOString(), machine: { node: process.version }, scheduling, throughput, embedded };
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const summary = summarize(results.measuredAt, scheduling, throughput, embedded);
  writeFileSync(join(out, 'summary.md'), summary);
  console.log(summary);
} finally {
  await postgres.stop();
}
