import { eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { externalRoles } from '../../../kernel/access/roles.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { commaList, idParam } from '../../../kernel/http/params.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { createGroup, listGroups, updateGroup } from '../commands/groups.ts';
import { matrixOf, replaceMatrix, settingsOf, updateSettings } from '../commands/settings.ts';
import { pendingReasons, resolutionCodes } from '../lifecycle.ts';
import { workers as deskWorkers, deskKeepers as managers, deskReaders as readers } from '../policy.ts';
import { incidentCategories } from '../schema.ts';

const tags = ['service desk settings'];
const settingsSchema = z.object({
  reopenDays: z.number().int().min(0).max(365),
  autoCloseDays: z.number().int().min(1).max(365),
  majorPriority: z.number().int().min(0).max(5).describe('0 turns automatic declaration off'),
  majorCriticality: z.number().int().min(1).max(4),
  burstCount: z.number().int().min(2).max(1000),
  burstMinutes: z.number().int().min(1).max(1440),
  majorUpdateMinutes: z.number().int().min(5).max(1440),
});
const cell = z.object({
  impact: z.number().int().min(1).max(3),
  urgency: z.number().int().min(1).max(3),
  priority: z.number().int().min(1).max(5),
});
const category = z.object({
  code: z.string(),
  names: z.record(z.string(), z.string()),
  skills: z.array(z.string()),
  active: z.boolean(),
});
const groupFields = {
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  leadId: z.uuid().nullable(),
  serviceIds: z.array(z.uuid()),
  categories: z.array(z.string()),
  version: z.number().int(),
};
/** A group as the desk's settings list it: its members with their skills, and its open work. */
const groupSchema = z.object({
  ...groupFields,
  members: z.array(z.object({ id: z.uuid(), name: z.string(), skills: z.array(z.string()) })),
  openItems: z.number().int(),
});
/** A group as written. */
const groupRowSchema = z.object({ ...groupFields, createdAt: z.date(), updatedAt: z.date() });
/** A person as the people search finds them: for pickers of requesters, assignees and members. */
const personSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  customer: z.string().nullable(),
});
export type Person = z.infer<typeof personSchema>;
export type Group = z.infer<typeof groupSchema>;
export type Category = z.infer<typeof category>;
export type GroupInput = z.infer<typeof groupBody>;
const groupBody = z.strictObject({
  name: z.string().trim().min(1, { error: 'is required' }).max(100),
  description: z.string().max(2000).optional(),
  leadId: z.uuid().nullable().optional(),
  serviceIds: z.array(z.uuid()).max(500).optional(),
  categories: z.array(z.string().max(60)).max(100).optional(),
  memberIds: z.array(z.uuid()).max(1000).optional(),
});

export const serviceDeskSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.get(
    '/api/v1/service-desk/settings',
    {
      config: { access: access.roles(...readers) },
      schema: {
        tags,
        summary:
          'Reopen window, auto-close delay, major-incident criteria, and the fixed lists incidents use',
        response: {
          200: settingsSchema.extend({
            version: z.number().int(),
            pendingReasons: z.array(z.string()),
            resolutionCodes: z.array(z.string()),
          }),
        },
      },
    },
    async (_request, reply) => {
      const { id: _id, ...s } = await settingsOf(db);
      setEtag(reply, s.version);
      return { ...s, pendingReasons: [...pendingReasons], resolutionCodes: [...resolutionCodes] };
    },
  );

  app.patch(
    '/api/v1/service-desk/settings',
    {
      config: { access: access.roles(...managers) },
      schema: {
        tags,
        summary: 'Change the service desk settings (send If-Match)',
        body: settingsSchema.partial().strict(),
        response: { 200: settingsSchema.extend({ id: z.number().int(), version: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const s = await runAsCaller(db, request, (ctx) => updateSettings(ctx, expected, request.body));
      setEtag(reply, s.version);
      return s;
    },
  );

  app.get(
    '/api/v1/service-desk/priority-matrix',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Impact × urgency → priority',
        response: { 200: z.object({ cells: z.array(cell) }) },
      },
    },
    async () => ({ cells: await matrixOf(db) }),
  );

  app.put(
    '/api/v1/service-desk/priority-matrix',
    {
      config: { access: access.roles(...managers) },
      schema: {
        tags,
        summary: 'Replace the priority matrix (every cell once); recorded incidents keep their priority',
        body: z.object({ cells: z.array(cell).max(9) }),
        response: { 200: z.object({ cells: z.array(cell) }) },
      },
    },
    async (request) => ({
      cells: await runAsCaller(db, request, (ctx) => replaceMatrix(ctx, request.body.cells)),
    }),
  );

  app.get(
    '/api/v1/service-desk/categories',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Incident categories with names in en/nl/da and the skills they need',
        response: {
          200: z.object({ items: z.array(category) }),
        },
      },
    },
    async () => ({ items: await db.select().from(incidentCategories).orderBy(incidentCategories.code) }),
  );

  app.put(
    '/api/v1/service-desk/categories/:code',
    {
      config: { access: access.roles(...managers) },
      schema: {
        tags,
        summary: 'Create or change a category',
        params: z.object({
          code: z.string().regex(/^[a-z][a-z0-9_-]{0,59}$/, { error: 'lower-case letters, digits, - and _' }),
        }),
        body: z.object({
          names: z.object({
            en: z.string().trim().min(1).max(100),
            nl: z.string().trim().min(1).max(100),
            da: z.string().trim().min(1).max(100),
          }),
          skills: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
          active: z.boolean().default(true),
        }),
        response: { 200: category },
      },
    },
    async (request) => {
      const { code } = request.params;
      return runAsCaller(db, request, async (ctx) => {
        const [before] = await ctx.tx
          .select()
          .from(incidentCategories)
          .where(eq(incidentCategories.code, code));
        const [after] = await ctx.tx
          .insert(incidentCategories)
          .values({ code, ...request.body })
          .onConflictDoUpdate({ target: incidentCategories.code, set: request.body })
          .returning();
        await ctx.audit({
          action: before ? 'category.updated' : 'category.created',
          recordType: 'incident-category',
          recordId: code,
          before,
          after,
        });
        return after;
      });
    },
  );

  app.get(
    '/api/v1/groups',
    {
      config: { access: access.roles(...readers) },
      schema: {
        tags: ['groups'],
        summary: 'Groups with their members, services, categories and open work',
        response: { 200: z.object({ items: z.array(groupSchema) }) },
      },
    },
    async () => ({ items: await listGroups(db) }),
  );

  app.post(
    '/api/v1/groups',
    {
      config: { access: access.roles(...managers) },
      schema: {
        tags: ['groups'],
        summary: 'Create a group',
        body: groupBody,
        response: { 201: groupRowSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await runAsCaller(db, request, (ctx) => createGroup(ctx, request.body))),
  );

  app.patch(
    '/api/v1/groups/:id',
    {
      config: { access: access.roles(...managers) },
      schema: {
        tags: ['groups'],
        summary: 'Change a group; memberIds replaces the members (send If-Match)',
        params: idParam('group'),
        body: groupBody.partial(),
        response: { 200: groupRowSchema },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const g = await runAsCaller(db, request, (ctx) =>
        updateGroup(ctx, request.params.id, expected, request.body),
      );
      setEtag(reply, g.version);
      return g;
    },
  );

  app.get(
    '/api/v1/people',
    {
      config: { access: access.roles(...readers) },
      schema: {
        tags: ['groups'],
        summary: 'Find active people to name as requester or assignee (staff only)',
        querystring: z.object({
          q: z.string().max(100).default(''),
          workers: z
            .enum(['true', 'false'])
            .optional()
            .describe('Only agents, resolvers and incident managers'),
          staff: z
            .enum(['true', 'false'])
            .optional()
            .describe('Only people of the service provider (no customers’ users)'),
          ids: commaList(z.string().max(60), 60)
            .optional()
            .describe('Comma-separated ids to include whatever the search'),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: z.object({
            items: z.array(personSchema),
          }),
        },
      },
    },
    async (request) => {
      const { q, workers, staff, ids, limit } = request.query;
      const wanted = (ids ?? []).filter((x) => /^[0-9a-f-]{36}$/i.test(x));
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const res = await db.execute<{ id: string; name: string; email: string; customer: string | null }>(sql`
        select u.id, u.name, u.email, c.name as customer from users u left join customers c on c.id = u.customer_id
         where u.active and (u.id = any(${sql.param(wanted)}::uuid[]) or ((u.name ilike ${like} or u.email ilike ${like})
           ${workers === 'true' ? sql`and exists (select 1 from user_roles r where r.user_id = u.id and r.role = any(${sql.param([...deskWorkers])}::text[]))` : sql``}
           ${staff === 'true' ? sql`and not exists (select 1 from user_roles r where r.user_id = u.id and r.role = any(${sql.param([...externalRoles])}::text[]))` : sql``}))
         order by u.id = any(${sql.param(wanted)}::uuid[]) desc, lower(u.name) limit ${limit}`);
      return { items: res.rows };
    },
  );

  app.put(
    '/api/v1/users/:id/skills',
    {
      config: { access: access.roles(...managers) },
      schema: {
        tags: ['groups'],
        summary: "Set a person's skills (assignment suggestions match them to categories)",
        params: z.object({ id: z.uuid() }),
        body: z.object({ skills: z.array(z.string().trim().min(1).max(60)).max(30) }),
        response: { 200: z.object({ skills: z.array(z.string()) }) },
      },
    },
    async (request) =>
      runAsCaller(db, request, async (ctx) => {
        const skills = [...new Set(request.body.skills)];
        const r = await ctx.tx.execute<{ skills: string[] }>(
          sql`update users set skills = ${sql.param(skills)}::text[], updated_at = now() where id = ${request.params.id} returning skills`,
        );
        if (!r.rows[0]) throw problems.notFound(`User ${request.params.id}`);
        await ctx.audit({
          action: 'user.skills-set',
          recordType: 'user',
          recordId: request.params.id,
          after: { skills },
        });
        return { skills: r.rows[0].skills };
      }),
  );
};
