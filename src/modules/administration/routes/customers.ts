import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { customers } from '../../../kernel/auth/schema.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { idParam } from '../../../kernel/http/params.ts';
import { createCustomer, updateCustomer } from '../commands.ts';
import { customerEditors, customerReaders } from '../policy.ts';
import { customerBody, customerPatch, customerShape } from '../shapes.ts';

const tags = ['customers'];
const present = (c: typeof customers.$inferSelect) => ({
  id: c.id,
  code: c.code,
  name: c.name,
  version: c.version,
});

/** Customer organisations: whom the provider serves (ISO/IEC 20000-1 8.3.2). */
export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const editors = access.roles(...customerEditors);

  app.get(
    '/api/v1/customers',
    {
      config: { access: access.roles(...customerReaders) },
      schema: {
        tags,
        summary: 'Customer organisations',
        response: { 200: z.object({ items: z.array(customerShape) }) },
      },
    },
    async () => ({
      items: (await db.select().from(customers).orderBy(sql`lower(${customers.name})`)).map(present),
    }),
  );
  app.post(
    '/api/v1/customers',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Add a customer organisation',
        body: customerBody,
        response: { 201: customerShape },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => createCustomer(ctx, request.body));
      setEtag(reply, row.version);
      return reply.status(201).send(present(row));
    },
  );
  app.patch(
    '/api/v1/customers/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Rename a customer organisation (send If-Match)',
        params: idParam('customer'),
        body: customerPatch,
        response: { 200: customerShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        updateCustomer(ctx, request.params.id, expected, request.body),
      );
      setEtag(reply, row.version);
      return present(row);
    },
  );
};
