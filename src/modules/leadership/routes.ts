import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../../kernel/access/policy.ts';
import { leaders } from './policy.ts';
import { leadershipDashboard } from './queries.ts';
import { dashboardShape } from './shapes.ts';

const tags = ['leadership'];

/** The leadership dashboard (5.1, docs/governance.md). */
export const leadershipRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.get(
    '/api/v1/leadership/dashboard',
    {
      config: {
        access: access.roles(...leaders),
      },
      schema: {
        tags,
        summary:
          'For top management and the head of service management: objectives by status with their KPIs, policies awaiting approval or review, and acknowledgement coverage; each entry links to its record',
        response: { 200: dashboardShape },
      },
    },
    (request) => leadershipDashboard(db, request.principal!),
  );
};
