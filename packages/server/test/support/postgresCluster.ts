import { rmSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { findPostgresBinaries, freePort, makeRunner, makeWorkDir } from './postgresServer';

/**
 * A private PostgreSQL server whose process tests may stop (also `-m immediate`, as a crash) and
 * start again on the SAME port and data folder, to test outages and recovery.
 *
 * Unlike `startPostgres()` (tuned for speed), commits here are synchronous: a transaction is in
 * the write-ahead log before the client hears "committed", so an immediate stop never loses an
 * acknowledged write and any loss a test sees is Ovi's. (fsync stays off: the operating system
 * does not crash in these tests, only the server processes stop.)
 *
 * As root the server runs as the `postgres` OS user (PostgreSQL refuses to run as root).
 */
export interface PostgresCluster {
  /** `postgres://ovi@127.0.0.1:<port>/ovi` */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly running: boolean;
  /** Starts the server on the same port and data folder (crash recovery runs when needed). */
  start(): Promise<void>;
  /** `immediate` = like a crash (no checkpoint, clients cut off); `fast` = clean. */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  /** Stops the server if it runs and removes its folder. Safe to call twice. */
  destroy(): Promise<void>;
  /** The end of the server log. */
  log(lines?: number): Promise<string>;
}

const SUPERUSER = 'ovi';
const DATABASE = 'ovi';

export async function createPostgresCluster(): Promise<PostgresCluster> {
  const bins = findPostgresBinaries();
  if (!bins) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) were not found; install the Debian package postgresql');
  const { runAs, runAsSync, uid, gid } = await makeRunner();
  const workDir = await makeWorkDir(runAs, uid, gid);
  const dataDir = join(workDir, 'data');
  const logFile = join(workDir, 'postgres.log');
  let running = false;
  let destroyed = false;

  const onExit = () => {
    try {
      if (running) runAsSync(bins.pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', '10', 'stop']);
      rmSync(workDir, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  };
  process.once('exit', onExit);

  const log = async (lines = 40) => {
    try {
      return (await readFile(logFile, 'utf8')).trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };

  let port = 0;
  const start = async () => {
    if (running) return;
    const options = [
      `-p ${port}`,
      `-k ${workDir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=on',
      '-c max_connections=100',
    ].join(' ');
    try {
      await runAs(bins.pgCtl, ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start'], { timeoutMs: 90_000 });
    } catch (error) {
      throw new Error(`PostgreSQL did not start on port ${port}: ${(error as Error).message}\n--- server log ---\n${await log()}`);
    }
    running = true;
  };

  try {
    await runAs(bins.initdb, ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { timeoutMs: 120_000 });
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await start();
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    const admin = new pg.Client({ connectionString: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    if (running) await runAs(bins.pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    process.removeListener('exit', onExit);
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }

  return {
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}`,
    port,
    dataDir,
    get running() {
      return running;
    },
    start,
    async stop(mode = 'fast') {
      if (!running) return;
      await runAs(bins.pgCtl, ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop'], { timeoutMs: 90_000 });
      running = false;
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        if (running) await runAs(bins.pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', '60', 'stop'], { timeoutMs: 90_000 });
        running = false;
      } finally {
        process.removeListener('exit', onExit);
        await rm(workDir, { recursive: true, force: true });
      }
    },
    log,
  };
}
