import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { isStaff } from '../../../kernel/access/roles.ts';
import { isoTimestamp } from '../../../kernel/db/timestamps.ts';
import { seesAllWorkItems } from '../../../kernel/records/visibility.ts';
import { catalogueFor } from '../../portfolio/index.ts';

const disruption = z.object({
  number: z.string().nullable().describe('Only for staff: customers cannot open the major incident itself'),
  title: z
    .string()
    .nullable()
    .describe(
      "Null for people outside the provider when the major incident is another organisation's: the service is disrupted for them too, but the desk's title for it is not theirs to read",
    ),
  since: z.string(),
  update: z
    .object({ body: z.string(), at: z.string() })
    .nullable()
    .describe(
      'The latest update for customers: written by the desk for everyone who uses the service, so it is shown to every organisation on it (the title is not)',
    ),
});
/** How one of the reader's services is: operational, or disrupted by major incidents. */
const serviceStatusSchema = z.object({
  serviceId: z.uuid(),
  name: z.string(),
  status: z.enum(['operational', 'disrupted']),
  disruptions: z.array(disruption),
});
export type ServiceStatus = z.infer<typeof serviceStatusSchema>;

/**
 * The status of the services a person uses: each service of their catalogue, disrupted while a major
 * incident on it is open, with what the service desk last told customers about it.
 */
export const serviceStatusRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  app.get(
    '/api/v1/service-status',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['incidents'],
        summary: 'The services you use and their current major incidents',
        querystring: z.object({ language: z.enum(['en', 'nl', 'da']).optional() }),
        response: {
          200: z.object({
            items: z.array(serviceStatusSchema),
          }),
        },
      },
    },
    async (request) => {
      const who = request.principal!;
      const services = await catalogueFor(db, who, who.customerId, request.query.language ?? who.language);
      const ids = services.map((s) => s.id);
      const res = await db.execute<{
        service_id: string;
        customer_id: string | null;
        number: string;
        title: string;
        since: Date;
        body: string | null;
        at: Date | null;
      }>(sql`
        select w.service_id, w.customer_id, w.number, w.title, coalesce(i.major_declared_at, w.created_at) as since, u.body, u.at
          from work_items w join incidents i on i.work_item_id = w.id
          left join lateral (
            select body, at from major_incident_updates
             where work_item_id = w.id and audience = 'customers' order by id desc limit 1) u on true
         where w.major and not w.final and w.state <> 'resolved'
           and w.service_id = any(${sql.param(ids)}::uuid[])
         order by since`);
      const staff = isStaff(who);
      const inside = seesAllWorkItems(who);
      return {
        items: services.map((s) => {
          const disruptions = res.rows
            .filter((r) => r.service_id === s.id)
            .map((r) => ({
              number: staff ? r.number : null,
              title: inside || r.customer_id === null || r.customer_id === who.customerId ? r.title : null,
              since: isoTimestamp(r.since),
              update: r.body && r.at ? { body: r.body, at: isoTimestamp(r.at) } : null,
            }));
          return {
            serviceId: s.id,
            name: s.name,
            status: disruptions.length ? ('disrupted' as const) : ('operational' as const),
            disruptions,
          };
        }),
      };
    },
  );
};
