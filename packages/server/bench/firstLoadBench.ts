/**
 * The resident's first page on a slow phone (`test/support/slowPhone.ts`: 1.6 Mbit/s, 150 ms
 * round trips, CPU four times slower, empty cache): milliseconds until the log-in form can be
 * used, against the floor of the same phone opening a page that is nothing but that form (no
 * script, one round trip), served by a minimal HTTP server in the same run. What the page
 * fetches is checked by `test/e2e/firstLoad.browser.test.ts`; its speed is measured here.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createOvi } from '../src/app';
import { launchChromium } from '../test/support/chromium';
import { CPU_SLOWDOWN, SLOW_PHONE, slowPhone } from '../test/support/slowPhone';

export interface FirstLoadFigures {
  runs: number;
  /** The log-in page of the built web app, from Ovi. */
  ovi: { bestMs: number; medianMs: number; bytes: number };
  /** A page of only the three form fields, from a minimal server. */
  floor: { bestMs: number; medianMs: number };
  network: string;
}

const FLOOR_PAGE = `<!doctype html><html lang="fi"><meta charset="utf-8"><title>Kirjaudu</title>
<form><input data-testid="login-username"><input data-testid="login-password" type="password"><button data-testid="login-submit">Kirjaudu</button></form></html>`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `runs` first visits to each page, one phone each, alternating so that both see the same machine. */
export async function benchFirstLoad(runs = Number(process.env.BENCH_FIRST_LOAD_RUNS ?? 7)): Promise<FirstLoadFigures | undefined> {
  const webDir = join(process.cwd(), 'packages', 'web', 'dist');
  if (!existsSync(join(webDir, 'index.html'))) {
    console.warn('first load: no web build (npm run build); skipped');
    return undefined;
  }
  const ovi = await createOvi({ port: 0, host: '127.0.0.1', seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, webDir, reminderIntervalMinutes: 0 });
  await ovi.app.listen({ port: 0, host: '127.0.0.1' });
  const oviUrl = `http://127.0.0.1:${(ovi.app.server.address() as AddressInfo).port}`;
  const minimal = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FLOOR_PAGE));
  const floorUrl = await listen(minimal);
  const browser = await launchChromium();
  const times = { ovi: [] as number[], floor: [] as number[] };
  let bytes = 0;
  try {
    for (let run = 0; run < runs; run++) {
      for (const [name, url] of [['ovi', oviUrl], ['floor', floorUrl]] as const) {
        const phone = await slowPhone(browser, url);
        times[name].push(await phone.load());
        if (name === 'ovi' && run === 0) bytes = phone.fetched().reduce((sum, f) => sum + f.bytes, 0);
        await phone.context.close();
      }
    }
  } finally {
    await browser.close();
    minimal.close();
    await ovi.close();
  }
  return {
    runs,
    ovi: { bestMs: Math.min(...times.ovi), medianMs: median(times.ovi), bytes },
    floor: { bestMs: Math.min(...times.floor), medianMs: median(times.floor) },
    network: `${(SLOW_PHONE.downloadThroughput * 8) / 1e6} Mbit/s, ${SLOW_PHONE.latency} ms, CPU ×${CPU_SLOWDOWN}`,
  };
}

export function firstLoadLines(f: FirstLoadFigures): string[] {
  return [
    `## The log-in page on a slow phone (${f.network}, empty cache; ${f.runs} visits each)`,
    '',
    `- Ovi: usable after ${f.ovi.medianMs} ms (median; best ${f.ovi.bestMs}), ${f.ovi.bytes} bytes over the network`,
    `- the form alone from a minimal server (the floor): ${f.floor.medianMs} ms (best ${f.floor.bestMs})`,
    `- ratio ${(f.ovi.medianMs / Math.max(1, f.floor.medianMs)).toFixed(1)} × the floor (target: usable within 4 000 ms)`,
    '',
  ];
}
