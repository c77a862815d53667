import { serverFolder, startWithDatabase, tail } from './postgresServer';

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
  const folder = await serverFolder();
  const { bins, runAs, workDir, dataDir, logFile } = folder;
  let destroyed = false;
  const log = (lines = 40) => tail(logFile, lines);

  let port = 0;
  const start = async () => {
    if (folder.running) return;
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
    folder.running = true;
  };

  try {
    await startWithDatabase(async (free) => {
      port = free;
      await start();
    });
  } catch (error) {
    await folder.stopServer('immediate').catch(() => undefined);
    await folder.release();
    throw error;
  }

  return {
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}`,
    port,
    dataDir,
    get running() {
      return folder.running;
    },
    start,
    stop: (mode = 'fast') => folder.stopServer(mode),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        await folder.stopServer('immediate');
      } finally {
        await folder.release();
      }
    },
    log,
  };
}
