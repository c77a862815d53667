import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

describe('the shared PostgreSQL test server', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: inject('postgresUrl') });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
  });

  it('is PostgreSQL 15 or newer', async () => {
    const r = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    expect(Number(r.rows[0]?.server_version_num)).toBeGreaterThanOrEqual(150000);
  });

  it('stores and reads back rows', async () => {
    await client.query('CREATE TEMP TABLE infra_check (id int PRIMARY KEY, name text NOT NULL)');
    await client.query('INSERT INTO infra_check (id, name) VALUES ($1, $2), ($3, $4)', [1, 'Ovi', 2, 'äö€']);
    const r = await client.query<{ id: number; name: string }>('SELECT id, name FROM infra_check ORDER BY id');
    expect(r.rows).toEqual([
      { id: 1, name: 'Ovi' },
      { id: 2, name: 'äö€' },
    ]);
  });
});
