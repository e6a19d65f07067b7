import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import { access } from '../access/policy.ts';
import { fileAnswer } from './params.ts';

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
  app.get(
    '/metrics',
    {
      config: {
        access: access.public('Prometheus scrapes without credentials; expose Keel only inside your network'),
      },
      schema: {
        tags: ['health'],
        summary: 'Prometheus metrics of this Keel process',
        produces: ['text/plain'],
        response: { 200: fileAnswer('text/plain', 'The Prometheus text exposition format') },
      },
    },
    async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
}
