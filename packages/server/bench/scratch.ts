import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { startPostgres } from '../test/support/postgresServer';
import { freePort, startProcess } from './throughputBench';
import { runLoad } from './loadGenerator';

const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const pgCpu = () => { let t = 0; for (const d of readdirSync('/proc')) { if (!/^\d+$/.test(d)) continue; try { if (readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('postgres')) t += cpu(Number(d)); } catch {} } return t; };
const postgres = await startPostgres();
const port = await freePort();
let dbUrl = postgres.url;
if (process.env.UNIX) {
  const pgPort = new URL(postgres.url).port;
  const { execSync } = await import('node:child_process');
  const sock = execSync(`ls -d /tmp/*/.s.PGSQL.${pgPort} 2>/dev/null || find / -name .s.PGSQL.${pgPort} 2>/dev/null | head -1`).toString().trim().split('\n')[0]!;
  const dir = sock.replace(/\/\.s\.PGSQL\.\d+$/, '');
  dbUrl = `postgres://ovi@/ovi?host=${encodeURIComponent(dir)}&port=${pgPort}`;
  console.log('unix socket', dbUrl);
}
const child = await startProcess('packages/server/src/main.ts', { DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', OVI_REMINDER_INTERVAL_MINUTES: '0' }, `http://127.0.0.1:${port}/healthz`);
const base = `http://127.0.0.1:${port}`;
const login = async (username: string) => (await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) })).json()) as { access_token: string; fhirUser: string };
const resident = await login('resident');
const guidance = await login('guidance');
const h = (t: string) => ({ 'content-type': 'application/fhir+json', authorization: `Bearer ${t}` });
const body = JSON.stringify({ resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] }, subject: { reference: resident.fhirUser }, valueQuantity: { value: 72.4, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } });
const ids: string[] = [];
const measure = async (name: string, c: number, fn: (i: number) => Promise<boolean>, think = 0, secs = 5) => {
  const n0 = cpu(child.pid!), p0 = pgCpu();
  const f = await runLoad(c, secs, fn, think);
  const n = cpu(child.pid!) - n0, p = pgCpu() - p0;
  console.log(name, JSON.stringify(f), `node ${(n * 1000 / f.requests).toFixed(0)} µs/req, pg ${(p * 1000 / f.requests).toFixed(0)} µs/req`);
};
if (process.env.PGSTAT) { const c = new pg.Client({ connectionString: postgres.url }); await c.connect(); await c.query('create extension if not exists pg_stat_statements'); await c.end(); }
const which = (process.env.WHICH ?? 'create,read,queue').split(',');
await measure('warm', 8, async () => { const r = await fetch(`${base}/fhir/R4/Observation`, { method: 'POST', headers: h(resident.access_token), body }); const j = await r.json() as { id: string }; ids.push(j.id); return r.status === 201; }, 0, 2);
if (which.includes('create')) await measure('create', 32, async () => { const r = await fetch(`${base}/fhir/R4/Observation`, { method: 'POST', headers: h(resident.access_token), body }); const j = await r.json() as { id: string }; ids.push(j.id); return r.status === 201; });
if (which.includes('read')) await measure('read', 32, async (i) => { const r = await fetch(`${base}/fhir/R4/Observation/${ids[i % ids.length]}`, { headers: h(resident.access_token) }); await r.arrayBuffer(); return r.status === 200; });
if (which.includes('staffread')) await measure('staffread', 32, async (i) => { const r = await fetch(`${base}/fhir/R4/Observation/${ids[i % ids.length]}`, { headers: h(guidance.access_token) }); await r.arrayBuffer(); return r.status === 200; });
if (which.includes('queue')) await measure('queue', 32, async () => { const r = await fetch(`${base}/api/guidance/queue`, { headers: h(guidance.access_token) }); await r.arrayBuffer(); return r.status === 200; });
if (which.includes('queue200')) await measure('queue200', 200, async () => { const r = await fetch(`${base}/api/guidance/queue`, { headers: h(guidance.access_token) }); await r.arrayBuffer(); return r.status === 200; }, 1000, 10);
if (process.env.PGSTAT) { const c = new pg.Client({ connectionString: postgres.url }); await c.connect(); await c.query('create extension if not exists pg_stat_statements'); console.log((await c.query('select calls, round(total_exec_time::numeric,1) t, round(total_plan_time::numeric,1) plan, left(query, 100) q from pg_stat_statements order by total_exec_time+total_plan_time desc limit 15')).rows); await c.end(); }
child.kill('SIGTERM');
await postgres.stop();
