/**
 * The dashboard over one PostgreSQL database that already holds a generated region (decision
 * 029), without the PGlite half of `BENCH_ONLY=dashboard npm run bench`:
 *
 *   node --import tsx packages/server/bench/dashboardOnce.ts postgres://…
 *   node --import tsx packages/server/bench/dashboardOnce.ts /a/pglite/data/folder
 *
 * BENCH_ROOT=/path/to/another/checkout runs that checkout's code (its bench, indicators and
 * migrations) against the same database, for a before-and-after on the same data; the
 * database is migrated to that checkout's schema as any start of Ovi does.
 * Every figure is timed as the dashboard asks for it (the Measures through `/api/measures/{id}`,
 * with the period before for the trend), then each theme page and everything at once;
 * BENCH_DASHBOARD_MEASURES=1 adds each FHIR `$evaluate-measure` alone (one period) to the list;
 * BENCH_DASHBOARD_RUNS as in the bench. BENCH_DASHBOARD_ONLY=<regular
 * expression> keeps the indicators whose name matches (the floor is always timed).
 * BENCH_DASHBOARD_MONTHS=N times the last N months instead of the year (1: about the month a
 * manager sees by default).
 */
import { join, resolve } from 'node:path';
import type { DashboardContext, DashboardIndicator } from './dashboardIndicators';

const url = process.argv[2];
if (!url) throw new Error('usage: dashboardOnce.ts postgres://… | an embedded data folder');
const root = resolve(process.env.BENCH_ROOT ?? join(import.meta.dirname, '../../..'));
const bench = (await import(join(root, 'packages/server/bench/dashboardBench.ts'))) as typeof import('./dashboardBench');
const { DASHBOARD_INDICATORS } = (await import(join(root, 'packages/server/bench/dashboardIndicators.ts'))) as typeof import('./dashboardIndicators');
const { INDICATOR_LIST } = (await import(join(root, 'packages/server/src/measures/indicators.ts'))) as typeof import('../src/measures/indicators');

const measures: DashboardIndicator[] =
  process.env.BENCH_DASHBOARD_MEASURES === '1'
    ? INDICATOR_LIST.map((m) => ({
        name: `$evaluate-measure: ${m.id}`,
        evaluate: (c: DashboardContext) => c.get(`/fhir/R4/Measure/${m.id}/$evaluate-measure?periodStart=${c.period.from}&periodEnd=${c.period.to}`),
      }))
    : [];
const only = process.env.BENCH_DASHBOARD_ONLY ? new RegExp(process.env.BENCH_DASHBOARD_ONLY) : undefined;
const indicators = [...DASHBOARD_INDICATORS, ...measures].filter((i) => !only || only.test(i.name));
const started = Date.now();
const target = /^postgres(ql)?:\/\//.test(url) ? { database: 'postgres' as const, databaseUrl: url } : { database: 'pglite' as const, dataDir: url };
const months = Number(process.env.BENCH_DASHBOARD_MONTHS ?? 12);
if (!Number.isInteger(months) || months < 1 || months > 12) throw new Error('BENCH_DASHBOARD_MONTHS must be a whole number 1–12');
const figures = await bench.benchDashboard({ ...target, residents: 0, months }, indicators);
console.log(JSON.stringify({ root, startMs: Date.now() - started, ...figures }, null, 2));
for (const f of [figures.floor, ...figures.indicators, ...(figures.pages ?? []), figures.page]) console.log(`${f.name}\tfirst ${f.firstMs} ms\tmedian ${f.medianMs} ms\t×floor ${(f.medianMs / Math.max(0.1, figures.floor.medianMs)).toFixed(1)}`);
process.exit(0);
