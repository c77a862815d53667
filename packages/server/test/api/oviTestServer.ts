import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createOvi, type Ovi } from '../../src/app';

export type Backend = 'pglite' | 'postgres';

export interface TestServer {
  url: string;
  ovi: Ovi;
  /** Logs a demo account in and returns its bearer token and fhirUser. */
  login(username: string): Promise<{ token: string; fhirUser: string }>;
  /** fetch against the server with JSON in and out. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** A fresh PostgreSQL database on the shared test server; `drop` removes it (connections and all). */
export async function freshPostgresDatabase(serverUrl: string, prefix = 'ovi_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Starts a real Ovi HTTP server on loopback with the demo region, on PGlite or PostgreSQL. */
export async function startTestServer(backend: Backend, postgresUrl?: string, options: { webDir?: string; smtpUrl?: string; clockStart?: Date } = {}): Promise<TestServer> {
  const database = backend === 'postgres' ? await freshPostgresDatabase(requireUrl(postgresUrl)) : undefined;
  const ovi = await createOvi({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: database?.url,
    dataDir: undefined,
    seedDemo: true,
    logLevel: 'silent',
    bodyLimit: 1024 * 1024,
    webDir: options.webDir,
    smtpUrl: options.smtpUrl,
    reminderIntervalMinutes: 0,
    // OVI_CLOCK for tests; without it the care clock is real time again (one server per test file at a time).
    ...(options.clockStart ? { clockStart: options.clockStart } : {}),
  });
  await ovi.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ovi.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const call: TestServer['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/fhir+json';
    }
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  const tokens = new Map<string, { token: string; fhirUser: string }>();
  return {
    url,
    ovi,
    call,
    login: async (username) => {
      const cached = tokens.get(username);
      if (cached) return cached;
      const r = await call('POST', '/auth/login', { body: { username, password: 'demo' }, headers: { 'content-type': 'application/json' } });
      if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
      const session = { token: r.body.access_token as string, fhirUser: r.body.fhirUser as string };
      tokens.set(username, session);
      return session;
    },
    close: async () => {
      await ovi.close();
      await database?.drop();
    },
  };
}

function requireUrl(url: string | undefined): string {
  if (!url) throw new Error('No PostgreSQL URL: the global test setup should have started one');
  return url;
}
