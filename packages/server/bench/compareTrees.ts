/**
 * Before and after on a shared machine: the contact intake and the guidance queue of several
 * source trees (FOCUS_ROOTS, comma separated, e.g. a `git archive` of the code before a change
 * and this worktree), each served by its own process on its own database of one PostgreSQL,
 * taking turns round by round, so a change in the machine's load touches all of them. Besides
 * throughput and latency it gives the CPU time per request of the server, of PostgreSQL (the
 * postmaster and its backends) and of the load generator, which a busy machine disturbs less
 * than latency. `node --import tsx packages/server/bench/compareTrees.ts`; FOCUS_PARTS
 * (intake,queue), BENCH_ROUNDS, BENCH_SECONDS, BENCH_QUEUE_OPEN, FOCUS_PROFILE (a folder for
 * CPU profiles of the servers), FOCUS_SATURATE, FOCUS_HOLD (seconds to keep the database up).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { startPostgres } from '../test/support/postgresServer';
import { runLoad, type LoadFigures } from './loadGenerator';
import { oviWorkload } from './oviWorkload';
import { freePort } from './throughputBench';

const roots = (process.env.FOCUS_ROOTS ?? process.cwd()).split(',');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const parts = (process.env.FOCUS_PARTS ?? 'intake,queue').split(',');
const open = Number(process.env.BENCH_QUEUE_OPEN ?? 5000);
const profileDir = process.env.FOCUS_PROFILE;

async function start(root: string, script: string, env: Record<string, string>, ready: string, tag: string): Promise<ChildProcess> {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, tag)}`] : [];
  const child = spawn(process.execPath, [...profile, '--max-semi-space-size=32', '--import', 'tsx', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(ready)).status < 500) return child;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${script} did not start`);
}

/** CPU seconds used so far by the processes named (postgres backends, the servers, this one). */
function cpuSeconds(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      const ppid = Number(fields[1]);
      const key = comm === 'postgres' && (ppid === postmaster || Number(pid) === postmaster) ? 'postgres' : Number(pid) === process.pid ? 'generator' : serverPids.has(Number(pid)) ? `server${serverPids.get(Number(pid))}` : undefined;
      if (key) out[`${key}:${pid}`] = ticks / 100;
    } catch {
      /* gone */
    }
  }
  return out;
}
let postmaster = 0;
const serverPids = new Map<number, string>();
async function measured(label: string, run: () => Promise<LoadFigures>) {
  const before = cpuSeconds();
  const f = await run();
  const after = cpuSeconds();
  const used: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) {
    const name = k.split(':')[0] ?? k;
    used[name] = (used[name] ?? 0) + v - (before[k] ?? 0);
  }
  const per = Object.entries(used).filter(([k]) => k !== 'node').map(([k, v]) => `${k} ${((v / f.requests) * 1000).toFixed(2)}`).join(', ');
  show(label, f);
  console.log(`   cpu ms per request: ${per}`);
  return f;
}
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const show = (label: string, f: LoadFigures) => console.log(`${label.padEnd(28)} ${String(f.throughputPerSecond).padStart(5)}/s p50 ${f.p50Ms} p99 ${f.p99Ms} errors ${f.errors} stall ${f.generatorStallMs} | load ${load()}`);

const postgres = await startPostgres();
const pgPort = new URL(postgres.url).port;
for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(`bin/postgres -D`) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`\0-p\0${pgPort}\0`)) postmaster = Number(pid);
  } catch {
    /* gone */
  }
}
console.log(`postmaster ${postmaster}`);
const children: ChildProcess[] = [];
try {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  const servers = [];
  for (const [n, root] of roots.entries()) {
    await admin.query(`CREATE DATABASE ovi_${n}`);
    const url = new URL(postgres.url);
    url.pathname = `/ovi_${n}`;
    const port = await freePort();
    const env = { DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', OVI_REMINDER_INTERVAL_MINUTES: '0' };
    const child = await start(root, 'packages/server/src/main.ts', env, `http://127.0.0.1:${port}/healthz`, `ovi${n}`);
    children.push(child);
    serverPids.set(child.pid ?? 0, String(n));
    servers.push({ n, root, url: url.toString(), ovi: await oviWorkload(`http://127.0.0.1:${port}`) });
  }
  const minimalPort = await freePort();
  children.push(await start(process.cwd(), 'packages/server/bench/minimalServer.ts', { DATABASE_URL: servers[0]?.url ?? '', PORT: String(minimalPort) }, `http://127.0.0.1:${minimalPort}/none`, 'minimal'));
  const body = JSON.stringify({ resourceType: 'Observation', status: 'final', code: { text: 'x' } });
  const createMinimal = async () => {
    const r = await fetch(`http://127.0.0.1:${minimalPort}/Observation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await r.arrayBuffer();
    return r.status === 201;
  };
  if (parts.includes('intake')) {
    for (const s of servers) await runLoad(32, 3, () => s.ovi.sendContact());
    await runLoad(32, 3, createMinimal);
    for (let r = 0; r < rounds; r++) {
      const figures: Record<string, LoadFigures> = {};
      for (const s of servers) figures[s.n] = await measured(`intake ${s.n} round ${r}`, () => runLoad(32, seconds, () => s.ovi.sendContact()));
      const m = await measured(`minimal round ${r}`, () => runLoad(32, seconds, createMinimal));
      console.log(servers.map((s) => `ratio ${s.n}: ${((figures[s.n]?.throughputPerSecond ?? 0) / m.throughputPerSecond).toFixed(3)}`).join('  '));
    }
  }
  if (parts.includes('queue')) {
    for (const s of servers) {
      console.log(`queue ${s.n}: ${await s.ovi.fillQueue(open, 32)} open`);
      const c = new pg.Client({ connectionString: s.url });
      await c.connect();
      await c.query('VACUUM ANALYZE');
      await c.query('CHECKPOINT');
      await c.end();
    }
    for (let r = 0; r < rounds; r++) {
      for (const s of servers) await measured(`queue users ${s.n} round ${r}`, () => runLoad(200, seconds * 2, (i) => s.ovi.browseQueue(i), 1000));
    }
    if (process.env.FOCUS_SATURATE) for (const s of servers) show(`queue 200 flat ${s.n}`, await runLoad(200, seconds, () => s.ovi.getQueue()));
  }
  if (process.env.FOCUS_HOLD) {
    console.log(`holding: ${postgres.url}`);
    await new Promise((r) => setTimeout(r, Number(process.env.FOCUS_HOLD) * 1000));
  }
  await admin.end();
} finally {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 2000));
  await postgres.stop();
}
