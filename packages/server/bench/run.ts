/**
 * `npm run bench`: starts its own PostgreSQL in a temporary folder, runs the benchmarks and
 * writes bench-results/results.json and bench-results/summary.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOvi } from '../src/app';
import { startPostgres } from '../test/support/postgresServer';
import { benchScheduling } from './schedulingBench';
import { benchThroughput } from './throughputBench';
import { summarize } from './summary';

const professionals = Number(process.env.BENCH_PROFESSIONALS ?? 500);
const months = Number(process.env.BENCH_MONTHS ?? 6);
const out = join(process.cwd(), 'bench-results');

const postgres = await startPostgres();
try {
  const ovi = await createOvi({ port: 0, host: '127.0.0.1', databaseUrl: postgres.url, seedDemo: false, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0 });
  await ovi.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ovi.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const only = process.env.BENCH_ONLY;
  const scheduling = only === 'throughput' ? undefined : await benchScheduling(ovi, url, professionals, months);
  await ovi.close();
  const throughput = only === 'scheduling' ? undefined : await benchThroughput(postgres.url, Number(process.env.BENCH_SECONDS ?? 5));
  const results = { measuredAt: new Date().toISOString(), machine: { node: process.version }, scheduling, throughput };
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const summary = summarize(results.measuredAt, scheduling, throughput);
  writeFileSync(join(out, 'summary.md'), summary);
  console.log(summary);
} finally {
  await postgres.stop();
}
