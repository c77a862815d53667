import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { notFound } from '../fhir/outcomes';

const API_PREFIXES = ['/fhir/', '/api/', '/auth/', '/healthz'];

/** Serves the built web app, with index.html for the app's own paths. */
export async function registerWebApp(app: FastifyInstance, webDir: string | undefined): Promise<void> {
  const hasApp = webDir !== undefined && existsSync(join(webDir, 'index.html'));
  if (hasApp) await app.register(fastifyStatic, { root: webDir, index: 'index.html', wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const isApi = API_PREFIXES.some((p) => request.url.startsWith(p));
    if (!isApi && hasApp && request.method === 'GET') return reply.type('text/html').sendFile('index.html');
    throw notFound(`No such endpoint: ${request.method} ${request.url.split('?')[0]}`);
  });
}
