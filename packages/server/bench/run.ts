/**
 * `npm run bench`: starts its own PostgreSQL in a temporary folder, runs the benchmarks and
 * writes bench-results/results.json and bench-results/summary.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOvi } from '../src/app';
import { startPostgres } from '../test/support/postgresServer';
import { benchScheduling } from './schedulingBench';

const professionals = Number(process.env.BENCH_PROFESSIONALS ?? 500);
const months = Number(process.env.BENCH_MONTHS ?? 6);
const out = join(process.cwd(), 'bench-results');

const postgres = await startPostgres();
try {
  const ovi = await createOvi({ port: 0, host: '127.0.0.1', databaseUrl: postgres.url, seedDemo: false, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0 });
  await ovi.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ovi.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const scheduling = await benchScheduling(ovi, url, professionals, months);
  await ovi.close();
  const results = { measuredAt: new Date().toISOString(), machine: { node: process.version }, scheduling };
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const s = scheduling;
  const summary = [
    `# Ovi benchmark (${results.measuredAt})`,
    '',
    `PostgreSQL server, ${s.professionals} professionals, ${s.months} months of slots: ${s.slots} slots generated in ${s.generationSeconds.toFixed(1)} s.`,
    '',
    `- \`$find\` (7-day window, one profession, ${s.find.requests} requests in a row): median ${s.find.medianMs} ms, p95 ${s.find.p95Ms} ms, max ${s.find.maxMs} ms`,
    `- \`$book\`: ${s.book.attempts} attempts by ${s.book.concurrency} concurrent clients on the same few times: ${s.book.booked} booked, ${s.book.conflicts} refused with 409, ${s.book.otherErrors} other errors, **${s.book.doubleBookings} double bookings**, ${s.book.throughputPerSecond} requests/s`,
    '',
  ].join('\n');
  writeFileSync(join(out, 'summary.md'), summary);
  console.log(summary);
} finally {
  await postgres.stop();
}
