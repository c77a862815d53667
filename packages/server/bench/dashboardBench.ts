/**
 * The dashboard over a generated region-year (decision 029): each indicator's time, each theme
 * page's (its requests at once, as the browser asks them) and every figure's at once, against
 * the floor — a plain
 * count of the same contacts grouped by unit — on one database, with the process's memory.
 * The region is generated first unless the database already holds one
 * (BENCH_DASHBOARD_DATABASE_URL / BENCH_DASHBOARD_DATA_DIR reuse a generated database).
 */
import { createOvi, type Ovi } from '../src/app';
import { generateRegion, periodDays, type GeneratedCounts } from '../src/generator/generateRegion';
import { contactsPerUnit } from '../src/storage/contactCounts';
import { resourceExists } from '../src/storage/bulkWrite';
import { now as clockNow } from '../src/time/clock';
import { keepContinuity, keepingDone, settledPart } from '../src/storage/continuitySettled';
import { describePeriod } from '../src/figures/figurePeriod';
import { THEME_PAGES, type DashboardContext, type DashboardIndicator } from './dashboardIndicators';

const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 3);

export interface TimedFigure {
  name: string;
  /**
   * The first call (cold caches; a long continuity window read from the facts, which starts
   * keeping its rows, decision 041), then the median of the next RUNS (after that keeping).
   */
  firstMs: number;
  medianMs: number;
}

export interface DashboardFigures {
  database: 'postgres' | 'pglite';
  generated?: GeneratedCounts;
  period: { from: string; to: string };
  contacts: number;
  floor: TimedFigure;
  indicators: TimedFigure[];
  /** Each theme page of the web app, its requests at once. */
  pages: TimedFigure[];
  /** Every figure at once (more than any one page asks). */
  page: TimedFigure;
  pageVsFloor: number;
  /** Resident set size of this process (with PGlite: the database too) and its peak while measuring, MB. */
  memory: { rssMb: number; peakRssMb: number; heapUsedMb: number };
}

export interface DashboardTarget {
  database: 'postgres' | 'pglite';
  databaseUrl?: string;
  dataDir?: string;
  residents: number;
  months: number;
}

export async function benchDashboard(target: DashboardTarget, indicators: DashboardIndicator[]): Promise<DashboardFigures> {
  const ovi = await createOvi({
    port: 0, host: '127.0.0.1', databaseUrl: target.databaseUrl, dataDir: target.dataDir,
    seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0,
  });
  try {
    const now = clockNow();
    const generated = (await resourceExists(ovi.services.db, 'Patient', 'gen-p-000001'))
      ? undefined
      : await generateRegion(ovi.services, { residents: target.residents, months: target.months, seed: 1, now });
    const days = periodDays(now, target.months);
    const period = { from: days[0] ?? '', to: days[days.length - 1] ?? '' };
    const instants = describePeriod(period);
    const window = { start: new Date(instants.start), end: new Date(instants.end) };
    const context: DashboardContext = { ovi, period, get: await managerGet(ovi) };
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const db = ovi.services.db;
      const counted = await contactsPerUnit(db, window);
      const timed = timer(() => keepingDone(db));
      const floor = await timed('floor: count(*) of the contacts by unit', () => contactsPerUnit(db, window));
      const part = settledPart(window, now);
      const keeping = part ? [await timed('continuity: keeping the period\'s client rows (once a day)', () => db.exec('DELETE FROM continuity_settled').then(() => keepContinuity(db, part)))] : [];
      const each: TimedFigure[] = [...keeping];
      for (const indicator of indicators) each.push(await timed(indicator.name, () => indicator.evaluate(context)));
      const pages: TimedFigure[] = [];
      for (const page of THEME_PAGES) pages.push(await timed(page.name, () => page.evaluate(context)));
      const page = await timed('every figure at once', () => Promise.all(indicators.map((i) => i.evaluate(context))));
      const memory = process.memoryUsage();
      return {
        database: target.database,
        ...(generated ? { generated } : {}),
        period,
        contacts: counted.reduce((s, u) => s + u.contacts, 0),
        floor,
        indicators: each,
        pages,
        page,
        pageVsFloor: Math.round((page.medianMs / Math.max(0.1, floor.medianMs)) * 10) / 10,
        memory: { rssMb: mb(memory.rss), peakRssMb: mb(peak), heapUsedMb: mb(memory.heapUsed) },
      };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await ovi.close();
  }
}

/** Times a figure: its first call, then (once `settle` has let background upkeep end) the median of RUNS more. */
function timer(settle: () => Promise<void>) {
  return async (name: string, work: () => Promise<unknown>): Promise<TimedFigure> => {
    const once = async () => {
      const t = performance.now();
      await work();
      return performance.now() - t;
    };
    const firstMs = await once();
    await settle();
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await once());
    runs.sort((a, b) => a - b);
    return { name, firstMs: round(firstMs), medianMs: round(runs[Math.floor(runs.length / 2)] ?? firstMs) };
  };
}

/** GET as the demo manager through the server's own routes (in process, no sockets). */
async function managerGet(ovi: Ovi): Promise<(path: string) => Promise<unknown>> {
  const login = await ovi.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'manager', password: 'demo' } });
  if (login.statusCode !== 200) throw new Error(`manager login failed: ${login.statusCode} ${login.body}`);
  const token = (login.json() as { access_token: string }).access_token;
  return async (path) => {
    const r = await ovi.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
    if (r.statusCode !== 200) throw new Error(`GET ${path}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    return r.json();
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1048576);

/** The summary's lines for one database. */
export function dashboardLines(f: DashboardFigures): string[] {
  const name = f.database === 'postgres' ? 'PostgreSQL' : 'embedded PGlite';
  return [
    `### Dashboard on ${name}: ${f.period.from} – ${f.period.to}, ${f.contacts.toLocaleString('en-US')} contacts` +
      (f.generated ? ` (generated now: ${f.generated.residents.toLocaleString('en-US')} residents in ${f.generated.seconds} s)` : ''),
    '',
    '| | first call ms | median ms | × floor |',
    '|---|---|---|---|',
    ...[f.floor, ...f.indicators, ...f.pages, f.page].map((t) => `| ${t.name} | ${t.firstMs} | ${t.medianMs} | ${(t.medianMs / Math.max(0.1, f.floor.medianMs)).toFixed(1)} |`),
    '',
    `Slowest theme page ${Math.max(...f.pages.map((p) => p.medianMs))} ms = ${(Math.max(...f.pages.map((p) => p.medianMs)) / Math.max(0.1, f.floor.medianMs)).toFixed(1)} × the floor (target ≤ 5× and, on PostgreSQL, < 1000 ms); every figure at once ${f.page.medianMs} ms = ${f.pageVsFloor} ×. Memory of this process: RSS ${f.memory.rssMb} MB (peak ${f.memory.peakRssMb} MB), heap ${f.memory.heapUsedMb} MB.`,
    '',
  ];
}
