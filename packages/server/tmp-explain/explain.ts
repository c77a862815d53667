import pg from 'pg';
import { indicatorCounts } from '../src/storage/indicatorCounts';
const pool = new pg.Pool({ connectionString: process.argv[2] });
const id = process.argv[3]!;
const db = {
  async query(sql: string, params: unknown[] = []) {
    const c = await pool.connect();
    try {
      await c.query("SET work_mem = '64MB'");
      await c.query('SET jit = off');
      const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql.replace(/^\/\*.*?\*\/\s*/s, '')}`, params);
      console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
      const t0 = performance.now();
      await c.query(sql, params);
      console.log('plain run ms', Math.round(performance.now() - t0));
    } finally { c.release(); }
    return { rows: [] };
  },
} as any;
const start = new Date('2025-12-31T22:00:00Z'), end = new Date('2026-11-29T22:00:00Z');
await indicatorCounts(db, id, { start, end }, ['unit'], {}, { digital: ['web'], now: end });
await pool.end();
