import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { notFound } from '../fhir/outcomes';

const API_PREFIXES = ['/fhir/', '/api/', '/auth/', '/healthz'];

/** Vite's `build.assetsDir`: every file there has a content hash in its name, so it never changes. */
const ASSETS_PREFIX = '/assets/';

/** A hashed asset: kept for a year and never revalidated (a new build has new names). */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** index.html: may be kept, but is revalidated (ETag / Last-Modified) before each use, so a new build is seen at once. */
export const REVALIDATE_CACHE = 'no-cache';

function pathOf(url: string): string {
  return url.split('?')[0] ?? url;
}

/**
 * Serves the built web app, with index.html for the app's own paths: compressed (brotli or
 * gzip, as the browser accepts) and cached as above.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string | undefined): Promise<void> {
  const hasApp = webDir !== undefined && existsSync(join(webDir, 'index.html'));
  if (hasApp) {
    // The build writes name.br and name.gz beside each text file (vite.config.ts, brotli at its
    // best quality): @fastify/static sends those as they are to a browser that accepts them.
    // @fastify/compress compresses whatever has no such file (brotli or gzip, as the browser
    // accepts), and leaves an answer that is already compressed alone. It hooks each route as it
    // is added: the API routes are all registered before this, so API answers stay as they were.
    // zstd is left out: Node 20 has none, and one behaviour on every supported Node is simpler.
    await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024, globalDecompression: false });
    await app.register(fastifyStatic, { root: webDir, index: 'index.html', wildcard: false, cacheControl: false, preCompressed: true });
    // Runs after installSecurityHeaders' onSend (which says no-store for everything but /assets/).
    app.addHook('onSend', async (request, reply) => {
      const path = pathOf(request.url);
      if (API_PREFIXES.some((p) => path.startsWith(p))) return;
      // Also on an uncompressed answer (a client that accepts neither), so a shared cache keeps
      // one copy per encoding. @fastify/compress adds nothing when this is already there.
      if (reply.statusCode === 200 && !reply.hasHeader('vary')) void reply.header('Vary', 'accept-encoding');
      if (path.startsWith(ASSETS_PREFIX)) {
        void reply.header('Cache-Control', reply.statusCode === 200 || reply.statusCode === 304 ? IMMUTABLE_CACHE : 'no-store');
      } else if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
        void reply.header('Cache-Control', REVALIDATE_CACHE);
      }
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url);
    const isApi = API_PREFIXES.some((p) => path.startsWith(p));
    // A missing hashed file (an old build's chunk) is a 404, never index.html under a script's name.
    const isAsset = path.startsWith(ASSETS_PREFIX);
    if (!isApi && !isAsset && hasApp && request.method === 'GET') return reply.type('text/html').sendFile('index.html');
    throw notFound(`No such endpoint: ${request.method} ${path}`);
  });
}
