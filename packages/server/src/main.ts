import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnvironment, type OviConfig } from './config';
import { createOvi } from './app';
import { reportDemoProgressTo } from './demo/seedDemo';

/**
 * Plain start-up lines for the person at the terminal. They go to stderr, so stdout keeps only
 * the JSON log lines; LOG_LEVEL warn, error or silent leaves them out.
 */
function startupReporter(config: OviConfig): (line: string) => void {
  const quiet = config.logLevel === 'silent' || config.logLevel === 'error' || config.logLevel === 'warn';
  return quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`);
}

/** The address to open in a browser: a wildcard listen address (every interface) as localhost. */
function readyUrl(host: string, address: AddressInfo | string | null): string {
  const port = typeof address === 'object' && address ? address.port : undefined;
  const wildcard = host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
  const shown = wildcard ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${shown}${port === undefined ? '' : `:${port}`}`;
}

/** `npm start`: one process, embedded database by default, the web app included. */
async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const config = configFromEnvironment(process.env, { webDir: join(here, '..', '..', 'web', 'dist') });
  const say = startupReporter(config);
  say(`Starting Ovi with ${config.databaseUrl ? 'the PostgreSQL server of DATABASE_URL' : `the embedded database in ${config.dataDir}`}…`);
  if (config.seedDemo) reportDemoProgressTo(say);
  const ovi = await createOvi(config).finally(() => reportDemoProgressTo(undefined));
  await ovi.app.listen({ port: config.port, host: config.host });
  if (config.webDir && !existsSync(join(config.webDir, 'index.html'))) say('The web app is not built (npm run build): only the API is served.');
  say(`Ovi is ready at ${readyUrl(config.host, ovi.app.server.address())}`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ovi.app.log.info(`${signal}: shutting down`);
    await ovi.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
