import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, rmSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

/**
 * A throw-away PostgreSQL server for tests: its own data directory in a fresh temporary
 * folder, listening on a free loopback port, trust authentication for the superuser `ovi`.
 *
 * PostgreSQL refuses to run as root; as root the server runs as the `postgres` OS user
 * (created by Debian's package, or here if missing). As any other user it runs as that user.
 */
export interface PostgresServer {
  /** `postgres://ovi@127.0.0.1:<port>/ovi` */
  url: string;
  /** Stops the server (fast shutdown) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

const SUPERUSER = 'ovi';
const DATABASE = 'ovi';
const OS_USER = 'postgres';

interface Binaries {
  dir: string;
  initdb: string;
  pgCtl: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Debian's server binaries (highest major version first), else `initdb`/`pg_ctl` on PATH. */
export function findPostgresBinaries(): Binaries | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  const dirs = [...versions.map((v) => join(root, v, 'bin')), ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
  for (const dir of dirs) {
    const initdb = join(dir, 'initdb');
    const pgCtl = join(dir, 'pg_ctl');
    if (isExecutable(initdb) && isExecutable(pgCtl)) return { dir, initdb, pgCtl };
  }
  return undefined;
}

interface RunResult {
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } },
      (error, stdout, stderr) => {
        if (error) {
          const detail = [String(stdout).trim(), String(stderr).trim()].filter(Boolean).join('\n');
          reject(new Error(`${[file, ...args].join(' ')} failed: ${error.message}${detail ? `\n${detail}` : ''}`));
        } else {
          resolve({ stdout: String(stdout), stderr: String(stderr) });
        }
      },
    );
  });
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function findTool(name: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin', ...(process.env.PATH ?? '').split(delimiter)]) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A way to run a command as the server's OS user: directly, or as `postgres` when we are root. */
export type Runner = (file: string, args: string[], options?: { cwd?: string; timeoutMs?: number }) => Promise<RunResult>;

async function osUserExists(name: string): Promise<boolean> {
  try {
    await run('id', ['-u', name], { timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}

export async function makeRunner(): Promise<{ runAs: Runner; runAsSync: (file: string, args: string[]) => void; uid?: number; gid?: number }> {
  if (!isRoot()) {
    return { runAs: run, runAsSync: (file, args) => void execFileSync(file, args, { stdio: 'ignore', timeout: 30_000 }) };
  }
  if (!(await osUserExists(OS_USER))) {
    const useradd = findTool('useradd');
    if (!useradd) throw new Error(`PostgreSQL cannot run as root and there is no '${OS_USER}' OS user, nor useradd to create one`);
    await run(useradd, ['--system', '--user-group', '--no-create-home', '--shell', '/bin/sh', OS_USER]);
  }
  const uid = Number((await run('id', ['-u', OS_USER])).stdout.trim());
  const gid = Number((await run('id', ['-g', OS_USER])).stdout.trim());
  const runuser = findTool('runuser');
  if (runuser) {
    return {
      uid,
      gid,
      runAs: (file, args, options) => run(runuser, ['-u', OS_USER, '--', file, ...args], options),
      runAsSync: (file, args) => void execFileSync(runuser, ['-u', OS_USER, '--', file, ...args], { stdio: 'ignore', timeout: 30_000 }),
    };
  }
  const su = findTool('su');
  if (!su) throw new Error(`PostgreSQL cannot run as root and neither runuser nor su is available to switch to '${OS_USER}'`);
  const line = (file: string, args: string[]) => [file, ...args].map(shellQuote).join(' ');
  return {
    uid,
    gid,
    runAs: (file, args, options) => run(su, ['-s', '/bin/sh', OS_USER, '-c', line(file, args)], options),
    runAsSync: (file, args) => void execFileSync(su, ['-s', '/bin/sh', OS_USER, '-c', line(file, args)], { stdio: 'ignore', timeout: 30_000 }),
  };
}

/** A port that was free a moment ago: bind port 0 on loopback and let the kernel choose. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close((err) => (err ? reject(err) : port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export async function makeWorkDir(runAs: Runner, uid?: number, gid?: number): Promise<string> {
  // A fresh folder per server, so a folder left behind by an earlier, killed run never matters.
  const candidates = [tmpdir(), '/tmp'].filter((d, i, all) => all.indexOf(d) === i);
  let lastError: unknown;
  for (const base of candidates) {
    const dir = await mkdtemp(join(base, 'ovi-pg-'));
    try {
      if (uid !== undefined && gid !== undefined) {
        await chown(dir, uid, gid);
        // The postgres user must be able to reach the folder (every parent traversable).
        await runAs('test', ['-w', dir], { timeoutMs: 10_000 });
      }
      return dir;
    } catch (error) {
      lastError = error;
      await rm(dir, { recursive: true, force: true });
    }
  }
  throw new Error(`No temporary folder usable by the '${OS_USER}' OS user: ${String(lastError)}`);
}

export async function tail(file: string, lines = 40): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function unavailableMessage(): string {
  const base =
    'PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or on PATH. ' +
    'Tests on a real PostgreSQL server are not optional.';
  return process.env.CI
    ? `${base} CI must install them first: .ci/run installs the Debian package 'postgresql'.`
    : `${base} Install them (Debian/Ubuntu: sudo apt-get install postgresql) or run .ci/run as root.`;
}

/**
 * A private server's folder (data folder and log) initialised by `initdb`, with a guard: if
 * the test process exits while `running` is true, the server is stopped and the folder
 * removed. `release()` removes the folder and the guard.
 */
export interface ServerFolder {
  bins: Binaries;
  runAs: Runner;
  workDir: string;
  dataDir: string;
  logFile: string;
  running: boolean;
  /** Stops the server (`mode`) if it runs. */
  stopServer(mode: 'fast' | 'immediate', options?: { timeoutMs?: number }): Promise<void>;
  release(): Promise<void>;
}

export async function serverFolder(): Promise<ServerFolder> {
  const bins = findPostgresBinaries();
  if (!bins) throw new Error(unavailableMessage());
  const { runAs, runAsSync, uid, gid } = await makeRunner();
  const workDir = await makeWorkDir(runAs, uid, gid);
  const dataDir = join(workDir, 'data');
  const onExit = () => {
    try {
      if (folder.running) runAsSync(bins.pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', '10', 'stop']);
      rmSync(workDir, { recursive: true, force: true });
    } catch {
      /* best effort */
    }
  };
  const folder: ServerFolder = {
    bins,
    runAs,
    workDir,
    dataDir,
    logFile: join(workDir, 'postgres.log'),
    running: false,
    async stopServer(mode, options = {}) {
      if (!folder.running) return;
      await runAs(bins.pgCtl, ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop'], { cwd: workDir, timeoutMs: options.timeoutMs ?? 90_000 });
      folder.running = false;
    },
    async release() {
      process.removeListener('exit', onExit);
      await rm(workDir, { recursive: true, force: true });
    },
  };
  process.once('exit', onExit);
  try {
    await runAs(bins.initdb, ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { cwd: workDir, timeoutMs: 120_000 });
  } catch (error) {
    await folder.release();
    throw error;
  }
  return folder;
}

/**
 * Starts a server on a free port with `start(port)` (another process may take the port between
 * the check and the start: up to three tries), then creates the empty database `ovi`.
 */
export async function startWithDatabase(start: (port: number) => Promise<void>): Promise<number> {
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await start(port);
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
  return port;
}

/** Starts a private PostgreSQL server and an empty database `ovi` owned by superuser `ovi`. */
export async function startPostgres(): Promise<PostgresServer> {
  const folder = await serverFolder();
  const { bins, runAs, workDir, dataDir, logFile } = folder;
  let stopped = false;

  try {
    const port = await startWithDatabase(async (port) => {
      const options = [
        `-p ${port}`,
        `-k ${shellQuote(workDir)}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
        // e.g. `-c shared_preload_libraries=pg_stat_statements` when studying a benchmark.
        ...(process.env.OVI_TEST_PG_OPTIONS ? [process.env.OVI_TEST_PG_OPTIONS] : []),
      ].join(' ');
      await runAs(bins.pgCtl, ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start'], { cwd: workDir, timeoutMs: 90_000 });
      folder.running = true;
    });
    const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/${DATABASE}`;

    return {
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          await folder.stopServer('fast');
        } finally {
          if (!folder.running) await folder.release();
        }
      },
    };
  } catch (error) {
    await folder.stopServer('immediate').catch(() => undefined);
    const log = await tail(logFile);
    await folder.release();
    throw new Error(`Could not start PostgreSQL (${bins.dir}): ${error instanceof Error ? error.message : String(error)}${log ? `\n--- server log ---\n${log}` : ''}`);
  }
}
