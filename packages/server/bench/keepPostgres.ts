/** Starts a throw-away PostgreSQL (as the tests do) and prints its URL; stops it on SIGTERM/SIGINT. */
import { startPostgres } from '../test/support/postgresServer';

const postgres = await startPostgres();
console.log(postgres.url);
const stop = async () => {
  await postgres.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
setInterval(() => undefined, 1 << 30);
