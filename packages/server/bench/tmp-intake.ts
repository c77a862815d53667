// Temporary analysis script (deleted after use): intake only, with a CPU profile of the server.
import pg from 'pg';
import { startPostgres } from '../test/support/postgresServer';
import { runLoad } from './loadGenerator';
import { oviWorkload } from './oviWorkload';
import { freePort, startProcess } from './throughputBench';

const postgres = await startPostgres();
const admin = new pg.Client({ connectionString: postgres.url });
await admin.connect();
await admin.query('CREATE DATABASE ovi_intake');
await admin.end();
const url = new URL(postgres.url);
url.pathname = '/ovi_intake';
const port = await freePort();
const server = await startProcess('packages/server/src/main.ts', { DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', OVI_REMINDER_INTERVAL_MINUTES: '0' }, `http://127.0.0.1:${port}/healthz`);
try {
  const ovi = await oviWorkload(`http://127.0.0.1:${port}`);
  await runLoad(32, 3, () => ovi.sendContact());
  console.log('intake', JSON.stringify(await runLoad(32, Number(process.env.SECONDS ?? 10), () => ovi.sendContact())));
  if (process.env.QUEUE) {
    console.log('open', await ovi.fillQueue(5000, 32));
    const pool = new pg.Pool({ connectionString: url.toString() });
    await pool.query('VACUUM ANALYZE'); await pool.query('CHECKPOINT'); await pool.end();
    console.log('queue 1 client', JSON.stringify(await runLoad(1, 5, () => ovi.getQueue())));
    console.log('queue users', JSON.stringify(await runLoad(200, 10, (i) => ovi.browseQueue(i), 1000)));
    console.log('queue users again', JSON.stringify(await runLoad(200, 10, (i) => ovi.browseQueue(i), 1000)));
    console.log('queue page1 sat', JSON.stringify(await runLoad(32, 5, () => ovi.getQueue())));
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await postgres.stop();
}
