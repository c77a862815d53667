import { startPostgres } from '../test/support/postgresServer';
import { createOvi } from '../src/app';
import { benchScheduling } from './schedulingBench';
import { activeScheduleIds } from '../src/storage/slotAvailability';
const postgres = await startPostgres();
const ovi = await createOvi({ port: 0, host: '127.0.0.1', databaseUrl: postgres.url, seedDemo: false, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0 });
const db = ovi.services.db;
await benchScheduling(ovi, async () => {
  if (process.env.STATS) { await db.exec("CREATE STATISTICS search_token_stats (dependencies, mcv) ON resource_type, param, value FROM search_token; ANALYZE search_token"); }
  const from = new Date(Date.now() + 86_400_000 * 3).toISOString(), to = new Date(Date.now() + 86_400_000 * 10).toISOString();
  const sql = `SELECT slot_id, schedule_id, start_at, end_at, visit_type, modes FROM slot_availability
      WHERE status = 'free' AND schedule_id IN (${activeScheduleIds('$4')})
        AND start_at >= $1 AND ($2::timestamptz IS NULL OR start_at <= $2)
      ORDER BY start_at, slot_id LIMIT $3`;
  for (const q of [sql]) {
    for (let i = 0; i < 3; i++) await db.query(q, [from, to, 2000, 'physician']);
    let t = performance.now(); for (let i = 0; i < 20; i++) await db.query(q, [from, to, 2000, 'physician']); console.log('ms', (performance.now() - t) / 20);
    const r = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q}`, [from, to, 2000, 'physician']);
    console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
    t = performance.now(); for (let i = 0; i < 20; i++) await ovi.services.store.scheduleOffers('physician'); console.log('offers ms', (performance.now() - t) / 20);
  }
  throw new Error('done');
}, 500, 1).catch((e) => console.log(String(e)));
await ovi.close(); await postgres.stop();
