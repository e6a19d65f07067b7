import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { licenceCompliance } from '../licences.ts';
import { cmdbReaders } from '../policy.ts';
import { licencePositionShape } from '../shapes.ts';

/** Software licence compliance (ISO/IEC 20000-1 8.2.5), from the licence CIs and their installations. */
export const licenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  app.get(
    '/api/v1/licences/compliance',
    {
      config: { access: access.roles(...cmdbReaders) },
      schema: {
        tags: ['configuration management'],
        summary: 'Licence compliance: entitlements against installations, over- and under-use per licence',
        response: { 200: z.object({ items: z.array(licencePositionShape) }) },
      },
    },
    async () => ({ items: await licenceCompliance(db) }),
  );
};
