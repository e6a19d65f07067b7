import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../access/policy.ts';
import { actorOf } from '../auth/principal.ts';
import { runCommand } from '../db/tx.ts';
import { problems } from '../http/problem.ts';
import { savedFilters } from './schema.ts';

const list = z.enum(['cis', 'services']).describe('Which list the filter belongs to');
const filterSchema = z.object({ id: z.uuid(), list: z.string(), name: z.string(), query: z.string() });
const tags = ['saved filters'];

/** Saved filters belong to their person: each one reads and changes only their own. */
export const savedFilterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  app.get(
    '/api/v1/saved-filters',
    {
      config: { access: access.self() },
      schema: {
        tags,
        summary: 'Your saved filters for a list',
        querystring: z.object({ list }),
        response: { 200: z.object({ items: z.array(filterSchema) }) },
      },
    },
    async (request) => ({
      items: await db
        .select({
          id: savedFilters.id,
          list: savedFilters.list,
          name: savedFilters.name,
          query: savedFilters.query,
        })
        .from(savedFilters)
        .where(
          and(eq(savedFilters.userId, request.principal!.userId), eq(savedFilters.list, request.query.list)),
        )
        .orderBy(sql`lower(${savedFilters.name})`),
    }),
  );
  app.put(
    '/api/v1/saved-filters',
    {
      config: { access: access.self() },
      schema: {
        tags,
        summary: 'Save a filter under a name (the same name replaces it)',
        body: z.object({
          list,
          name: z.string().trim().min(1, { error: 'is required' }).max(100),
          query: z.string().max(2000),
        }),
        response: { 200: filterSchema },
      },
    },
    async (request) => {
      const who = request.principal!;
      return runCommand(db, actorOf(who), request.id, async (ctx) => {
        await ctx.tx.execute(sql`
          delete from saved_filters where user_id = ${who.userId} and list = ${request.body.list} and lower(name) = lower(${request.body.name})`);
        const [row] = await ctx.tx
          .insert(savedFilters)
          .values({ ...request.body, userId: who.userId })
          .returning();
        await ctx.audit({
          action: 'saved-filter.saved',
          recordType: 'saved-filter',
          recordId: row!.id,
          after: row,
        });
        return { id: row!.id, list: row!.list, name: row!.name, query: row!.query };
      });
    },
  );
  app.delete(
    '/api/v1/saved-filters/:id',
    {
      config: { access: access.self() },
      schema: {
        tags,
        summary: 'Delete one of your saved filters',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      await runCommand(db, actorOf(who), request.id, async (ctx) => {
        const [gone] = await ctx.tx
          .delete(savedFilters)
          .where(and(eq(savedFilters.id, request.params.id), eq(savedFilters.userId, who.userId)))
          .returning();
        if (!gone) throw problems.notFound(`Saved filter ${request.params.id}`);
        await ctx.audit({
          action: 'saved-filter.deleted',
          recordType: 'saved-filter',
          recordId: gone.id,
          before: gone,
        });
      });
      return reply.status(204).send(null);
    },
  );
};
