import { spawn } from 'node:child_process';
import { startPostgres } from '../test/support/postgresServer';
import { freePort } from './throughputBench';
import { runLoad } from './loadGenerator';
import { oviWorkload } from './oviWorkload';
const postgres = await startPostgres();
const port = await freePort();
const child = spawn(process.execPath, ['--trace-gc', '--import', 'tsx', 'packages/server/src/main.ts'], { env: { ...process.env, DATABASE_URL: postgres.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', OVI_REMINDER_INTERVAL_MINUTES: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
const pauses: string[] = [];
let phase = 'start';
child.stdout!.on('data', (d: Buffer) => { for (const line of d.toString().split('\n')) { const m = /(Mark-Compact|Scavenge|Mark-Compact \(reduce\))[^,]*, ([\d.]+) \/ ([\d.]+) ms/.exec(line); if (m && Number(m[2]) > 8) pauses.push(`${phase}: ${m[1]} ${m[2]} ms`); } });
for (let i = 0; i < 300; i++) { try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 100)); }
const ovi = await oviWorkload(`http://127.0.0.1:${port}`);
phase = 'create'; await runLoad(32, 10, () => ovi.createObservation());
phase = 'read'; await runLoad(32, 10, (i) => ovi.readObservation(i));
phase = 'queue200'; console.log('queue200', JSON.stringify(await runLoad(200, 10, () => ovi.getQueue(), 1000)));
console.log(pauses.join('\n'));
child.kill('SIGTERM'); await postgres.stop();
