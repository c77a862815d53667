import { startPostgres } from '../test/support/postgresServer';
import { freePort, startProcess } from './throughputBench';
import { runLoad } from './loadGenerator';
import { oviWorkload } from './oviWorkload';
const postgres = await startPostgres();
const port = await freePort();
const child = await startProcess('packages/server/src/main.ts', { DATABASE_URL: postgres.url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', OVI_REMINDER_INTERVAL_MINUTES: '0' }, `http://127.0.0.1:${port}/healthz`);
const ovi = await oviWorkload(`http://127.0.0.1:${port}`);
await runLoad(32, 8, () => ovi.createObservation());
await runLoad(32, 5, (i) => ovi.readObservation(i));
const t0 = performance.now();
const samples: Array<[number, number]> = [];
let next = 0;
const deadline = Date.now() + 12000;
// event-loop lag of the load generator itself
let lagMax = 0; let last = performance.now();
const lagTimer = setInterval(() => { const now = performance.now(); lagMax = Math.max(lagMax, now - last - 5); if (now - last - 5 > 20) samples.push([now - t0, -(now - last - 5)]); last = now; }, 5);
await Promise.all(Array.from({ length: 200 }, async (_, c) => {
  await new Promise((r) => setTimeout(r, (1000 * c) / 200));
  while (Date.now() < deadline) {
    const t = performance.now();
    await ovi.getQueue();
    samples.push([t - t0, performance.now() - t]);
    next++;
    await new Promise((r) => setTimeout(r, 1000 * (0.5 + ((next * 7919) % 1000) / 1000)));
  }
}));
clearInterval(lagTimer);
const lat = samples.filter((s) => s[1] >= 0).map((s) => s[1]).sort((a, b) => a - b);
console.log('n', lat.length, 'p50', lat[Math.floor(lat.length / 2)]?.toFixed(1), 'p99', lat[Math.floor(lat.length * 0.99)]?.toFixed(1), 'loadgen lag max', lagMax.toFixed(1));
const slow = samples.filter((s) => Math.abs(s[1]) > 25).sort((a, b) => a[0] - b[0]);
console.log(slow.map((s) => `${(s[0] / 1000).toFixed(2)}s:${s[1].toFixed(0)}`).join(' '));
child.kill('SIGTERM'); await postgres.stop();
