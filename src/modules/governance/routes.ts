import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../../kernel/access/policy.ts';
import { leadershipDashboard } from './dashboard.ts';
import { planRoutes } from './plan-routes.ts';
import { leaders } from './policy.ts';

const tags = ['governance'];

/** The leadership dashboard and the plan (docs/governance.md). */
export const governanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  await app.register(planRoutes);

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
      },
    },
    (request) => leadershipDashboard(db, request.principal!),
  );
};
