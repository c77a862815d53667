import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/oviProcess';

/**
 * `npm start` as a person sees it: plain progress lines on stderr while the first start creates
 * the demo region, ending with "Ovi is ready at <url>" (the real port; a wildcard HOST shown as
 * localhost), and only JSON log lines on stdout. One start on an empty embedded database
 * (about 10 s on a quiet 2-core machine).
 */
interface Started {
  stderr: string[];
  stdout: string[];
  url: string;
  stop(): Promise<void>;
}

async function start(env: Record<string, string>): Promise<Started> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['DATABASE_URL', 'OVI_DATA_DIR', 'OVI_TOKEN_SECRET', 'SMTP_URL', 'OVI_METRICS_TOKEN', 'NODE_OPTIONS', 'OVI_CLOCK']) delete childEnv[key];
  Object.assign(childEnv, { PORT: '0', LOG_LEVEL: 'info', OVI_DEMO: 'true', OVI_REMINDER_INTERVAL_MINUTES: '0' }, env);
  const child = spawn(process.execPath, ['--import', 'tsx', join('packages', 'server', 'src', 'main.ts')], { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  const stdout: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<string>((resolve, reject) => {
    const lines = (target: string[], onLine?: (line: string) => void) => {
      let rest = '';
      return (chunk: Buffer) => {
        const parts = (rest + chunk.toString('utf8')).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) {
          target.push(line);
          onLine?.(line);
        }
      };
    };
    child.stdout.on('data', lines(stdout));
    child.stderr.on('data', lines(stderr, (line) => {
      const match = /^Ovi is ready at (\S+)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    }));
    void exited.then(() => reject(new Error(`Ovi exited before it was ready:\n${stderr.join('\n')}`)));
    setTimeout(() => reject(new Error(`not ready within 150 s:\n${stderr.join('\n')}`)), 150_000).unref();
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    return { stderr, stdout, url: await ready, stop };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

describe('npm start', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('tells its progress on the first start and where it is ready', { timeout: 300_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ovi-startup-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const first = await start({ OVI_DATA_DIR: dataDir, HOST: '0.0.0.0' });
    cleanups.push(first.stop);
    const port = new URL(first.url).port;
    expect(first.url).toBe(`http://localhost:${port}`);
    expect(Number(port)).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    await first.stop();
    const expected = [
      /^Starting Ovi with the embedded database in .*ovi-startup-/,
      /^Database ready \(embedded PGlite\)\.$/,
      /^Creating the demo region .*: \d+ organisations, \d+ professionals, \d+ residents, \d+ demo accounts…$/,
      /^Generating appointment slots from \d+ weekly working-time templates…$/,
      /^[1-9]\d* slots generated; recording \d+ demo contacts…$/,
      /^Demo region created in \d+ s\.$/,
      /^Ovi is ready at http:\/\/localhost:\d+$/,
    ];
    const progress = first.stderr.filter((line) => expected.some((pattern) => pattern.test(line)));
    expect(progress.map((line) => expected.findIndex((pattern) => pattern.test(line))), first.stderr.join('\n')).toEqual(expected.map((_, i) => i));
    // stdout is for the JSON log lines only.
    for (const line of first.stdout.filter((l) => l.trim() !== '')) expect(() => JSON.parse(line), line).not.toThrow();
  });
});
