/**
 * Figures for a period at a region's scale: BENCH_FIGURES_CONTACTS (200 000) client-guidance
 * contacts spread over two years on embedded PGlite, then the time of one year's, one
 * month's and one week's figures (`node --import tsx packages/server/bench/figuresBench.ts`).
 */
import { openDatabase } from '../src/db/openDatabase';
import { migrate } from '../src/db/migrate';
import { guidanceStats } from '../src/guidance/guidanceStats';

const N = Number(process.env.BENCH_FIGURES_CONTACTS ?? 200_000);
const db = await openDatabase({});
await migrate(db);
const t0 = performance.now();
await db.query(
  `INSERT INTO resource (resource_type, id, version_id, last_updated, content)
   SELECT 'Task', 'bench-' || g, 1, now(), jsonb_build_object(
     'resourceType', 'Task', 'status', CASE WHEN g % 7 = 0 THEN 'in-progress' ELSE 'completed' END, 'intent', 'order',
     'code', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('code', 'client-guidance'))),
     'authoredOn', to_char((timestamptz '2025-01-01T00:00:00Z' + (g * (730.0 * 86400 / $1)) * interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
     'owner', jsonb_build_object('reference', 'Practitioner/p' || (g % 40)),
     'businessStatus', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('code', (ARRAY['solved','self-care','booked','routed'])[1 + g % 4]))),
     'executionPeriod', jsonb_build_object('end', '2026-01-01T10:00:00.000Z'),
     'restriction', jsonb_build_object('period', jsonb_build_object('end', '2026-01-02T10:00:00.000Z')),
     'input', jsonb_build_array(
       jsonb_build_object('type', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('code', 'urgency'))), 'valueCode', (ARRAY['emergent','urgent','non-urgent','self-care'])[1 + g % 4]),
       jsonb_build_object('type', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('code', 'channel'))), 'valueCode', (ARRAY['web-form','phone','walk-in'])[1 + g % 3]),
       jsonb_build_object('type', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('code', 'assessment-due'))), 'valueDateTime', '2026-01-01T14:00:00.000Z')),
     'description', repeat('Kuvaus yhteydenotosta. ', 40))
   FROM generate_series(1, $1::int) g`,
  [N],
);
await db.query('ANALYZE resource');
console.log(`${N} contacts stored in ${Math.round(performance.now() - t0)} ms`);
for (const [name, start, end] of [
  ['a year', '2025-12-31T22:00:00Z', '2026-12-31T22:00:00Z'],
  ['a month', '2026-10-31T22:00:00Z', '2026-11-30T22:00:00Z'],
  ['a week', '2026-11-22T22:00:00Z', '2026-11-29T22:00:00Z'],
] as const) {
  const times: number[] = [];
  let contacts: number | null = null;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    contacts = (await guidanceStats(db, { start: new Date(start), end: new Date(end) })).contacts;
    times.push(performance.now() - t);
  }
  console.log(`${name}: ${contacts} contacts shown, ${times.map((t) => Math.round(t)).join(' / ')} ms (3 runs)`);
}
await db.close();
