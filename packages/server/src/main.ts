import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnvironment } from './config';
import { createOvi } from './app';

/** `npm start`: one process, embedded database by default, the web app included. */
async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const config = configFromEnvironment(process.env, { webDir: join(here, '..', '..', 'web', 'dist') });
  const ovi = await createOvi(config);
  await ovi.app.listen({ port: config.port, host: config.host });
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
