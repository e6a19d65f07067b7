import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../access/policy.ts';
import { notifications } from './schema.ts';

const tags = ['notifications'];
const item = z.object({
  id: z.number().int(),
  kind: z.string(),
  text: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
/** A notification as the bell lists it (the web imports the type). */
export type Notification = z.infer<typeof item>;

/** Each person reads and marks only their own notifications. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  app.get(
    '/api/v1/notifications',
    {
      config: { access: access.self() },
      schema: {
        tags,
        summary: 'Your notifications, newest first, and how many are unread',
        querystring: z.object({
          before: z.coerce.number().int().positive().optional().describe('Cursor: the last id you have'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          unread: z.enum(['true', 'false']).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(item),
            unread: z.number().int(),
            nextCursor: z.number().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const me = request.principal!.userId;
      const q = request.query;
      const rows = await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, me),
            q.before ? lt(notifications.id, q.before) : undefined,
            q.unread === 'true' ? isNull(notifications.readAt) : undefined,
          ),
        )
        .orderBy(desc(notifications.id))
        .limit(q.limit + 1);
      const [{ n }] = (
        await db.execute<{ n: number }>(
          sql`select count(*)::int as n from notifications where user_id = ${me} and read_at is null`,
        )
      ).rows as [{ n: number }];
      const page = rows.slice(0, q.limit);
      return {
        items: page.map((r) => ({
          id: r.id,
          kind: r.kind,
          text: r.text,
          link: r.link,
          createdAt: r.createdAt.toISOString(),
          read: r.readAt !== null,
        })),
        unread: n,
        nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
      };
    },
  );
  app.post(
    '/api/v1/notifications/read',
    {
      config: { access: access.self() },
      schema: {
        tags,
        summary: 'Mark notifications read: the ids given, or all of yours',
        body: z.object({ ids: z.array(z.number().int()).max(500).optional() }),
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    async (request) => {
      const me = request.principal!.userId;
      const ids = request.body.ids;
      const res = await db.execute(sql`
        update notifications set read_at = now()
         where user_id = ${me} and read_at is null
           ${ids ? sql`and id = any(${sql.param(ids)}::bigint[])` : sql``}`);
      return { marked: res.rowCount ?? 0 };
    },
  );
};
