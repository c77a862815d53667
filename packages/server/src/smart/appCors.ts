import type { FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import type { SmartAppStore } from '../storage/smartAppStore';

/** The paths a registered app's browser code calls directly (the token endpoint answers CORS itself, per client). */
const CORS_PATHS = /^\/(fhir\/R4(\/|$|\?)|\.well-known\/smart-configuration)/;

/**
 * CORS for the origins of registered SMART apps only, on the FHIR API and SMART discovery:
 * any other origin, and every other path, gets no CORS headers, so a browser keeps other
 * sites' scripts from reading the answers.
 */
export async function installAppCors(app: FastifyInstance, apps: SmartAppStore): Promise<void> {
  await app.register(cors, {
    delegator: (request, callback) => {
      const origin = request.headers.origin;
      if (!origin || !CORS_PATHS.test(request.url)) return callback(null, { origin: false });
      apps.originRegistered(origin).then(
        (registered) =>
          callback(null, {
            origin: registered ? origin : false,
            methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
            allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'If-Match', 'If-None-Exist', 'If-None-Match', 'Prefer', 'X-Access-Reason'],
            exposedHeaders: ['Location', 'ETag', 'Last-Modified', 'Content-Location', 'WWW-Authenticate'],
            maxAge: 600,
          }),
        (error: unknown) => callback(error as Error, { origin: false }),
      );
    },
  });
}
