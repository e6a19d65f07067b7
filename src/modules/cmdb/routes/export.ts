import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { exportCis } from '../export.ts';
import { cmdbReaders } from '../policy.ts';
import { ciListQuery } from '../shapes.ts';

/** The CI list as CSV, in the columns the import reads, so export → edit → import works. */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  app.get(
    '/api/v1/cis/export',
    {
      config: { access: access.roles(...cmdbReaders) },
      schema: {
        tags: ['configuration management'],
        summary: 'The CIs of a filtered list as CSV, in the columns the import reads',
        querystring: ciListQuery.omit({ limit: true, cursor: true }),
        produces: ['text/csv'],
        // a CSV text: sent as it is, never through the JSON serializer
        response: { 200: z.string().describe('CSV: a header line of columns, then one line per CI') },
      },
    },
    async (request, reply) => {
      const { class: classKey, ...rest } = request.query;
      const csv = await exportCis(db, { ...rest, classKey });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="configuration-items.csv"')
        .send(csv);
    },
  );
};
