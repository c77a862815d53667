// Temporary analysis script (deleted after use).
import { createOvi } from '../src/app';
import { startPostgres } from '../test/support/postgresServer';
import { buildContactResponse } from '../src/guidance/contactResponse';
import { openWork } from '../src/access/relationships';
import type { SqlExecutor } from '../src/db/database';

const postgres = await startPostgres();
console.log('pg', postgres.url);
const ovi = await createOvi({ port: 0, host: '127.0.0.1', databaseUrl: postgres.url, seedDemo: true, logLevel: 'silent', bodyLimit: 1 << 20, reminderIntervalMinutes: 0 });
const { fhir, db } = ovi.services;
const guidanceUser = { username: 'guidance', roles: ['guidance'], fhirUser: 'Practitioner/pr-hanna-hoitaja', name: 'Hanna Hoitaja' } as any;
const patients = (await db.query<{ id: string }>("SELECT id FROM resource WHERE resource_type='Patient' LIMIT 40")).rows.map((r) => r.id);
const answers = [
  { reason: 'back-pain', 'back-red-flags': true, duration: 'days', severity: 8, description: 'Selkäkipu säteilee jalkoihin.', 'contact-preference': 'phone' },
  { reason: 'other', duration: 'days', severity: 2, description: 'Kysyisin rokotuksista.', 'contact-preference': 'phone' },
  { reason: 'back-pain', 'back-red-flags': false, duration: 'months', severity: 4, description: 'Selkä jumittaa aamuisin.', 'contact-preference': 'phone' },
];
const N = Number(process.env.N ?? 5000);
let n = 0;
const t0 = Date.now();
await Promise.all(Array.from({ length: 16 }, async () => {
  while (n < N) {
    const i = n++;
    await fhir.create({ user: guidanceUser, reason: 'x', baseUrl: '' }, 'QuestionnaireResponse', buildContactResponse(`Patient/${patients[i % patients.length]}`, answers[i % 3] as any, { channel: 'phone' }));
  }
}));
console.log('seeded', N, (Date.now() - t0) / 1000, 's');
await db.query('VACUUM ANALYZE');
const explain: SqlExecutor = {
  async query(sql: string, params?: unknown[]) {
    const r = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
    return db.query(sql, params) as any;
  },
};
for (const [f, p] of [[{}, 0], [{ urgencyRank: 1 }, 0], [{ channel: "phone" }, 0], [{ claimedBy: null }, 100], [{}, 100], [{}, 0]] as const) {
  console.log('=====', JSON.stringify(f), p);
  await openWork(explain, guidanceUser, f as any, { offset: p, limit: 50 });
  const t = performance.now();
  for (let i = 0; i < 20; i++) await openWork(db, guidanceUser, f as any, { offset: p, limit: 50 });
  console.log('avg ms', (performance.now() - t) / 20);
}
await ovi.close();
if (process.env.KEEP) { console.log("KEEPING"); await new Promise((r) => setTimeout(r, 40 * 60_000)); }
await postgres.stop();
