import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../access/policy.ts';
import { isoTimestamp, isoTimestampOrNull } from '../db/timestamps.ts';
import { loadItem } from '../records/commands.ts';

const mailSchema = z.object({
  id: z.number().int(),
  direction: z.enum(['in', 'out']),
  state: z.string().describe('out: queued, sent, failed; in: opened, commented, ignored, rejected'),
  reason: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  attachments: z.array(z.object({ fileName: z.string(), size: z.number(), kept: z.boolean() })),
  at: z.string(),
  sentAt: z.string().nullable(),
});
/** A mail sent or received about a work item, as its timeline shows it (the web imports the type). */
export type Mail = z.infer<typeof mailSchema>;

/** The mails of a work item, for its timeline. */
export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  app.get(
    '/api/v1/work-items/:ref/mails',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['work items'],
        summary:
          'E-mails sent and received about a work item, newest first (a requester sees only their own)',
        params: z.object({ ref: z.string().min(1).max(60) }),
        response: { 200: z.object({ items: z.array(mailSchema) }) },
      },
    },
    async (request) => {
      const who = request.principal!;
      const { item, def } = await loadItem(db, request.params.ref, who);
      const everyone = def.canSeeInternal(who);
      const res = await db.execute<{
        id: number;
        direction: 'in' | 'out';
        state: string;
        reason: string | null;
        from_address: string;
        to_address: string;
        subject: string;
        body: string;
        meta: { attachments?: Array<{ fileName: string; size: number; kept: boolean }> };
        created_at: Date;
        sent_at: Date | null;
      }>(sql`
        select id, direction, state, reason, from_address, to_address, subject, body, meta, created_at, sent_at
          from mail_messages
         where work_item_id = ${item.id} ${everyone ? sql`` : sql`and user_id = ${who.userId}`}
         order by id desc limit 500`);
      return {
        items: res.rows.map((m) => ({
          id: m.id,
          direction: m.direction,
          state: m.state,
          reason: m.reason,
          from: m.from_address,
          to: m.to_address,
          subject: m.subject,
          body: m.body,
          attachments: (m.meta.attachments ?? []).map((a) => ({
            fileName: a.fileName,
            size: a.size,
            kept: a.kept,
          })),
          at: isoTimestamp(m.created_at),
          sentAt: isoTimestampOrNull(m.sent_at),
        })),
      };
    },
  );
};
