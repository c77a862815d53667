/**
 * The least an HTTP API can do on this stack: parse the JSON body and insert it, or read it
 * back by id. The benchmark's practical limit for Ovi's create and read.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
await pool.query('CREATE TABLE IF NOT EXISTS bench_minimal (id text PRIMARY KEY, content jsonb NOT NULL)');

const server = createServer((request, response) => {
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.method === 'POST') {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    request.on('end', () => {
      const id = randomUUID();
      const content = { ...JSON.parse(raw), id };
      pool.query('INSERT INTO bench_minimal (id, content) VALUES ($1, $2)', [id, content]).then(
        () => send(201, content),
        () => send(500, {}),
      );
    });
    return;
  }
  const id = request.url?.split('/').pop() ?? '';
  pool.query('SELECT content FROM bench_minimal WHERE id = $1', [id]).then(
    (r) => (r.rows[0] ? send(200, r.rows[0].content) : send(404, {})),
    () => send(500, {}),
  );
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
