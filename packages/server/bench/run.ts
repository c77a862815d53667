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
import { benchDashboard, type DashboardFigures } from './dashboardBench';
import { DASHBOARD_INDICATORS } from './dashboardIndicators';
import { benchFirstLoad } from './firstLoadBench';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const professionals = Number(process.env.BENCH_PROFESSIONALS ?? 500);
const months = Number(process.env.BENCH_MONTHS ?? 6);
const out = join(process.cwd(), 'bench-results');

const postgres = await startPostgres();
try {
  const only = process.env.BENCH_ONLY;
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  // BENCH_ONLY=throughput|embedded|scheduling|firstload|dashboard runs one part; unset, all but the
  // dashboard, which first generates a region's year (about an hour on this kind of machine).
  const runs = (part: string) => (part === 'dashboard' ? only === part : !only || only === part);
  // The load-generating parts first: the scheduling part loads Ovi (and the FHIR definitions,
  // some 100 MB) into this process, whose longer garbage collections would show as latency.
  const throughput = runs('throughput') ? await benchThroughput(postgres.url, seconds) : undefined;
  const embedded = runs('embedded') ? await benchEmbedded(seconds) : undefined;
  const scheduling = runs('scheduling') ? await schedulingPart(postgres.url) : undefined;
  const firstLoad = runs('firstload') ? await benchFirstLoad() : undefined;
  const dashboard = runs('dashboard') ? await dashboardPart(postgres.url) : undefined;
  const results = { measuredAt: new Date().toISOString(), machine: { node: process.version }, scheduling, throughput, embedded, firstLoad, dashboard };
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const summary = summarize(results.measuredAt, scheduling, throughput, embedded, dashboard, firstLoad);
  writeFileSync(join(out, 'summary.md'), summary);
  console.log(summary);
} finally {
  await postgres.stop();
}

/** Generates the slots in this process, then measures through a server process of its own. */
async function schedulingPart(databaseUrl: string) {
  const ovi = await createOvi({ port: 0, host: '127.0.0.1', databaseUrl, seedDemo: false, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0 });
  let server: ChildProcess | undefined;
  const serverUrl = async () => {
    const port = await freePort();
    const env = { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', OVI_DEMO: 'false', OVI_REMINDER_INTERVAL_MINUTES: '0' };
    server = await startProcess('packages/server/src/main.ts', env, `http://127.0.0.1:${port}/healthz`);
    return `http://127.0.0.1:${port}`;
  };
  try {
    return await benchScheduling(ovi, serverUrl, professionals, months);
  } finally {
    server?.kill('SIGTERM');
    await ovi.close();
  }
}

/**
 * The dashboard over a generated region-year (BENCH_DASHBOARD_RESIDENTS, default 200 000, and
 * BENCH_DASHBOARD_MONTHS, default 12) on PostgreSQL and on PGlite. A database generated before
 * (`npm run generate`) is reused with BENCH_DASHBOARD_DATABASE_URL and BENCH_DASHBOARD_DATA_DIR.
 */
async function dashboardPart(postgresUrl: string): Promise<DashboardFigures[]> {
  const residents = Number(process.env.BENCH_DASHBOARD_RESIDENTS ?? 200_000);
  const dashboardMonths = Number(process.env.BENCH_DASHBOARD_MONTHS ?? 12);
  const onPostgres = await benchDashboard(
    { database: 'postgres', databaseUrl: process.env.BENCH_DASHBOARD_DATABASE_URL || postgresUrl, residents, months: dashboardMonths },
    DASHBOARD_INDICATORS,
  );
  const given = process.env.BENCH_DASHBOARD_DATA_DIR;
  const dataDir = given || mkdtempSync(join(tmpdir(), 'ovi-bench-dashboard-'));
  try {
    // The embedded database writes and reads in this one thread: a region of 200 000 would take
    // hours here, so it gets a smaller one unless told (BENCH_DASHBOARD_PGLITE_RESIDENTS).
    const pgliteResidents = Number(process.env.BENCH_DASHBOARD_PGLITE_RESIDENTS ?? Math.min(residents, 20_000));
    const onPglite = await benchDashboard({ database: 'pglite', dataDir, residents: pgliteResidents, months: dashboardMonths }, DASHBOARD_INDICATORS);
    return [onPostgres, onPglite];
  } finally {
    if (!given) rmSync(dataDir, { recursive: true, force: true });
  }
}
