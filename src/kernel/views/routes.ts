import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../access/policy.ts';
import { actorOf } from '../auth/principal.ts';
import { runCommand } from '../db/tx.ts';
import { problems } from '../http/problem.ts';
import { savedFilters } from './schema.ts';

const list = z.enum(['cis', 'services', 'work-items']).describe('Which list the filter belongs to');
const filterSchema = z.object({
  id: z.uuid(),
  list: z.string(),
  name: z.string(),
  query: z.string(),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  mine: z.boolean(),
});
/** A saved filter as the workspace lists it (the web imports the type). */
export type SavedFilter = z.infer<typeof filterSchema>;
const tags = ['saved filters'];

/** Saved filters belong to their person, who may share one with a group; only the owner changes or deletes it. */
export const savedFilterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  app.get(
    '/api/v1/saved-filters',
    {
      config: { access: access.self() },
      schema: {
        tags,
        summary: 'Your saved filters for a list, and those shared with your groups',
        querystring: z.object({ list }),
        response: { 200: z.object({ items: z.array(filterSchema) }) },
      },
    },
    async (request) => {
      const me = request.principal!.userId;
      const res = await db.execute<z.infer<typeof filterSchema>>(sql`
        select f.id, f.list, f.name, f.query, f.group_id as "groupId", g.name as "groupName", f.user_id = ${me} as mine
          from saved_filters f left join groups g on g.id = f.group_id
         where f.list = ${request.query.list}
           and (f.user_id = ${me} or f.group_id in (select group_id from group_members where user_id = ${me}))
         order by f.group_id is not null, lower(f.name)`);
      return { items: res.rows };
    },
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
          groupId: z.uuid().nullable().optional().describe('Share with the members of one of your groups'),
        }),
        response: { 200: filterSchema },
      },
    },
    async (request) => {
      const who = request.principal!;
      return runCommand(db, actorOf(who), request.id, async (ctx) => {
        const groupId = request.body.groupId ?? null;
        if (groupId) {
          const member = await ctx.tx.execute(
            sql`select 1 from group_members where group_id = ${groupId} and user_id = ${who.userId}`,
          );
          if (!member.rows.length)
            throw problems.validation([{ field: 'groupId', message: 'must be a group you belong to' }]);
        }
        await ctx.tx.execute(sql`
          delete from saved_filters where user_id = ${who.userId} and list = ${request.body.list} and lower(name) = lower(${request.body.name})`);
        const [row] = await ctx.tx
          .insert(savedFilters)
          .values({ ...request.body, groupId, userId: who.userId })
          .returning();
        await ctx.audit({
          action: 'saved-filter.saved',
          recordType: 'saved-filter',
          recordId: row!.id,
          after: row,
        });
        const g = groupId
          ? (await ctx.tx.execute<{ name: string }>(sql`select name from groups where id = ${groupId}`))
              .rows[0]
          : undefined;
        return {
          id: row!.id,
          list: row!.list,
          name: row!.name,
          query: row!.query,
          groupId,
          groupName: g?.name ?? null,
          mine: true,
        };
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
