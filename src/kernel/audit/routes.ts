import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../access/policy.ts';
import { pageOf, pageQuery } from '../http/pagination.ts';
import { verifyAudit } from './chain.ts';

const entry = z.object({
  id: z.number(),
  seq: z.number().nullable(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  hash: z.string().nullable(),
});
/** An audit entry as the log lists it (the web imports the type). */
export type AuditEntry = z.infer<typeof entry>;
const verificationSchema = z.object({
  ok: z.boolean(),
  sealed: z.number(),
  unsealed: z.number(),
  headHash: z.string().optional(),
  problem: z.string().optional(),
  seq: z.string().nullable().optional(),
});
/** The check of the hash chain (the web imports the type). */
export type Verification = z.infer<typeof verificationSchema>;

const readers = access.roles('administrator', 'internal_auditor');

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.get(
    '/api/v1/audit-log',
    {
      config: { access: readers },
      schema: {
        tags: ['audit'],
        summary: 'Audit entries, newest first; filter by record or actor',
        querystring: pageQuery.extend({
          recordType: z.string().max(60).optional(),
          recordId: z.string().max(100).optional(),
          actorId: z.uuid().optional(),
        }),
        response: { 200: pageOf(entry) },
      },
    },
    async (request) => {
      const q = request.query;
      const res = await db.execute<z.infer<typeof entry> & { total: number }>(sql`
        select id, seq, at::text as at, actor_id as "actorId", actor_label as "actorLabel", action,
               record_type as "recordType", record_id as "recordId", before, after, request_id as "requestId", hash,
               count(*) over ()::int as total
          from audit_log
         where (${q.recordType ?? null}::text is null or record_type = ${q.recordType ?? null})
           and (${q.recordId ?? null}::text is null or record_id = ${q.recordId ?? null})
           and (${q.actorId ?? null}::uuid is null or actor_id = ${q.actorId ?? null})
         order by id desc limit ${q.limit} offset ${q.offset}`);
      return {
        items: res.rows.map(({ total: _t, ...r }) => r),
        total: res.rows[0]?.total ?? 0,
        limit: q.limit,
        offset: q.offset,
      };
    },
  );

  app.get(
    '/api/v1/audit-log/verification',
    {
      config: { access: readers },
      schema: {
        tags: ['audit'],
        summary: 'Check the hash chain now: intact, or the first changed or missing entry',
        response: { 200: verificationSchema },
      },
    },
    async () => verifyAudit(db),
  );
};
