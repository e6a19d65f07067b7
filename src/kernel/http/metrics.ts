import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { access } from '../access/policy.ts';
import { bearerToken } from '../auth/principal.ts';
import { sameSecret } from '../auth/secrets.ts';
import { fileAnswer } from './params.ts';
import { problems } from './problem.ts';

/** Prometheus metrics: process metrics plus request counts and durations per route and status. */
export function registerMetrics(app: FastifyInstance) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'keel_' });
  const duration = new client.Histogram({
    name: 'keel_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  // Metrics name routes, volumes and the process's memory: a scraper shows its own token, not a person's.
  // Without KEEL_METRICS_TOKEN nobody gets them, and the answer does not say whether a token is configured.
  const { metrics } = app.keel.config;
  app.get(
    '/metrics',
    {
      config: {
        access: access.public(
          metrics.public
            ? 'KEEL_METRICS_PUBLIC=true: Prometheus scrapes without credentials'
            : 'guarded by the metrics token (KEEL_METRICS_TOKEN), not by a sign-in',
        ),
      },
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics of this Keel process',
        produces: ['text/plain'],
        security: metrics.public ? [] : [{ metricsToken: [] }],
        response: { 200: fileAnswer('text/plain', 'The Prometheus text exposition format') },
      },
    },
    async (request, reply) => {
      if (!metrics.public && !sameSecret(bearerToken(request) ?? undefined, metrics.token)) {
        const refused = problems.unauthenticated(
          'Send the metrics token (KEEL_METRICS_TOKEN) as Authorization: Bearer <token>.',
        );
        refused.headers['www-authenticate'] = 'Bearer realm="metrics"';
        throw refused;
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}
