import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgresServer';

/**
 * Ovi as a real server process (`node --import tsx packages/server/src/main.ts`), the way it
 * runs in production, so tests can start several on one database, SIGKILL one mid-load and
 * restart it on the same data. Loopback only.
 */
export interface OviProcessOptions {
  /** PostgreSQL server (DATABASE_URL); otherwise embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PGlite folder (OVI_DATA_DIR). */
  dataDir?: string;
  /** OVI_DEMO; default true. */
  demo?: boolean;
  /** LOG_LEVEL; default `warn`, so the captured output holds warnings and errors only. */
  logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** How long to wait for GET /healthz → 200; default 90 s. */
  readyTimeoutMs?: number;
  /** A short name for messages. */
  name?: string;
  /** false: return at once after spawning, without waiting for /healthz (to kill it while it starts). */
  waitUntilReady?: boolean;
}

export interface CallResult {
  /** HTTP status; 0 when no answer came (connection refused or reset, or timed out). */
  status: number;
  body: any;
  headers: Headers;
  /** Milliseconds from sending to the whole answer (or the failure). */
  ms: number;
  /** Why no answer came, when status is 0. */
  error?: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Abort after this many milliseconds (status 0, error 'timeout'); default 15 s. */
  timeoutMs?: number;
}

export interface OviProcess {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Exit code / signal once the process has ended; undefined while it runs. */
  readonly exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  /** Logs a demo account in (password `demo`); throws unless 200. */
  login(username: string): Promise<{ token: string; fhirUser: string }>;
  /** Sends `signal` and waits (up to 15 s) until the process has ended. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM (clean shutdown), SIGKILL after 10 s. Safe to call twice. */
  stop(): Promise<void>;
  /** The last lines the process wrote (stdout and stderr). */
  output(): string;
}

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const MAIN = join('packages', 'server', 'src', 'main.ts');
const MAX_LINES = 400;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test process that dies without its afterAll must not leave servers behind.
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/fhir+json';
  }
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed, headers: response.headers, ms: performance.now() - started };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? 'timeout' : [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ');
    return { status: 0, body: undefined, headers: new Headers(), ms: performance.now() - started, error: reason };
  }
}

/** Starts main.ts on a free loopback port and waits until GET /healthz answers 200. */
export async function startOviProcess(options: OviProcessOptions): Promise<OviProcess> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      lastError = error;
      // Only a port taken between freePort() and listen() is worth another try.
      if (!/EADDRINUSE/.test(String(error))) throw error;
    }
  }
  throw lastError;
}

async function startOnce(options: OviProcessOptions, port: number): Promise<OviProcess> {
  installExitHook();
  const name = options.name ?? `ovi:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'OVI_DATA_DIR', 'OVI_TOKEN_SECRET', 'SMTP_URL', 'OVI_METRICS_TOKEN', 'OVI_TRUST_PROXY', 'NODE_OPTIONS']) delete env[key];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    OVI_DEMO: options.demo === false ? 'false' : 'true',
    LOG_LEVEL: options.logLevel ?? 'warn',
    OVI_REMINDER_INTERVAL_MINUTES: '0',
    OVI_CONTINUITY_KEEP_MINUTES: '0',
  });
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.dataDir) env.OVI_DATA_DIR = options.dataDir;

  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const lines: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null, tag: string) => {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(`${tag} ${line}`);
        if (lines.length > MAX_LINES) lines.shift();
      }
    });
  };
  collect(child.stdout, '[out]');
  collect(child.stderr, '[err]');

  let exit: OviProcess['exit'];
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      running.delete(child);
      resolve();
    });
  });
  const output = () => lines.join('\n');
  const url = `http://127.0.0.1:${port}`;

  const waitForExit = async (ms: number): Promise<boolean> => {
    if (exit) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const done = await Promise.race([exited.then(() => true as const), timedOut]);
    clearTimeout(timer);
    return done;
  };

  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (exit) return;
    child.kill(signal);
    if (!(await waitForExit(15_000))) throw new Error(`${name} (pid ${child.pid}) did not end within 15 s of ${signal}`);
  };

  const handle: OviProcess = {
    name,
    url,
    port,
    pid: child.pid ?? -1,
    get exit() {
      return exit;
    },
    call: (method, path, callOptions) => call(url, method, path, callOptions),
    login: async (username) => {
      const r = await call(url, 'POST', '/auth/login', { body: { username, password: 'demo' }, headers: { 'content-type': 'application/json' } });
      if (r.status !== 200) throw new Error(`${name}: login ${username} failed: ${r.status} ${r.error ?? JSON.stringify(r.body)}`);
      return { token: r.body.access_token as string, fhirUser: r.body.fhirUser as string };
    },
    kill,
    stop: async () => {
      if (exit) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(10_000))) await kill('SIGKILL');
    },
    output,
  };
  if (options.waitUntilReady === false) return handle;

  // Ready when /healthz answers 200; fail early when the process ends first.
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  const started = Date.now();
  for (;;) {
    if (exit) {
      throw new Error(`${name} ended before it was ready (code ${exit.code}, signal ${exit.signal}) after ${Date.now() - started} ms:\n${output()}`);
    }
    const health = await call(url, 'GET', '/healthz', { timeoutMs: 2_000 });
    if (health.status === 200) break;
    if (Date.now() > deadline) {
      await kill('SIGKILL').catch(() => undefined);
      throw new Error(`${name} was not ready within ${options.readyTimeoutMs ?? 90_000} ms (last /healthz: ${health.status} ${health.error ?? ''}):\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return handle;
}
