/**
 * Ovi on its embedded database (PGlite in a data folder, one connection): the same workload as
 * on PostgreSQL, through a server process of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, type LoadFigures } from './loadGenerator';
import { oviWorkload } from './oviWorkload';
import { freePort, startProcess, userScenarios } from './throughputBench';

export interface EmbeddedFigures {
  concurrency: number;
  create: LoadFigures;
  read: LoadFigures;
  queueAt200Users: LoadFigures;
  bookAt200Users: LoadFigures;
}

export async function benchEmbedded(seconds = 5, concurrency = 32): Promise<EmbeddedFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ovi-bench-pglite-'));
  const port = await freePort();
  const env = { DATABASE_URL: '', OVI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', OVI_REMINDER_INTERVAL_MINUTES: '0' };
  const server = await startProcess('packages/server/src/main.ts', env, `http://127.0.0.1:${port}/healthz`);
  try {
    const ovi = await oviWorkload(`http://127.0.0.1:${port}`);
    await runLoad(concurrency, 3, () => ovi.createObservation()); // warm-up
    const create = await runLoad(concurrency, seconds, () => ovi.createObservation());
    const read = await runLoad(concurrency, seconds, (i) => ovi.readObservation(i));
    return { concurrency, create, read, ...(await userScenarios(ovi, seconds)) };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
