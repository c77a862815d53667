import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import { metricsPublicFromEnvironment } from '../config';
import { forbidden, unauthorized } from '../fhir/outcomes';

export interface MetricsOptions {
  /** OVI_METRICS_TOKEN: scrapers send `Authorization: Bearer <token>`. */
  token?: string;
  /** OVI_METRICS_PUBLIC=true: open without a token (by default from the environment). Ignored when a token is set. */
  public?: boolean;
  openQueue: () => Promise<number>;
}

/**
 * `GET /metrics` in the Prometheus text format: request rates and latencies by route and
 * status, the open work queue, and the process's own figures. One registry per server.
 * Closed unless a token is configured (then it needs the token) or it is explicitly opened.
 */
export function installMetrics(app: FastifyInstance, options: MetricsOptions): void {
  const open = !options.token && (options.public ?? metricsPublicFromEnvironment(process.env));
  const expected = options.token ? Buffer.from(`Bearer ${options.token}`) : undefined;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'ovi_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({
    name: 'ovi_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'ovi_guidance_queue_open',
    help: 'Open contacts in the client-guidance queue',
    registers: [registry],
    async collect() {
      this.set(await options.openQueue());
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the URL: ids and search values stay out of the labels.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', async (request, reply) => {
    if (expected) {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthorized('The metrics token is missing or wrong');
    } else if (!open) {
      throw forbidden('GET /metrics is closed: set OVI_METRICS_TOKEN (scrapers then send Authorization: Bearer <token>) or, on a private network only, OVI_METRICS_PUBLIC=true');
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
