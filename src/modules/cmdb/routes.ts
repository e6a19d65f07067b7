import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { cursorPageOf, cursorQuery } from '../../kernel/http/pagination.ts';
import { problems } from '../../kernel/http/problem.ts';
import { attributeTypes } from './attributes.ts';
import {
  createCi,
  createClass,
  createRelationship,
  deleteRelationship,
  linkHistoryToChange,
  loadClass,
  updateCi,
  updateClass,
} from './commands.ts';
import { exportCis } from './export.ts';
import { DryRunRollback, importCis, importRelationships } from './import.ts';
import { licenceCompliance } from './licences.ts';
import { ciStatuses } from './lifecycle.ts';
import { classEditors, cmdbEditors, cmdbReaders } from './policy.ts';
import { ciSorts, getCi, historyOf, impactOf, listCis, relationshipsOf } from './queries.ts';
import { listRelationships } from './relationships.ts';
import { ciClasses, ciRelationshipTypes } from './schema.ts';
import { closeAudit, getAudit, listAudits, planAudit, recordCheck } from './verification.ts';

const tags = ['configuration management'];
const names = z.object({
  en: z.string().trim().min(1).max(200),
  nl: z.string().trim().max(200).optional(),
  da: z.string().trim().max(200).optional(),
});
const attributeDef = z.object({
  key: z.string().min(1).max(40),
  label: z.string().trim().min(1).max(200),
  type: z.enum(attributeTypes),
  required: z.boolean().default(false),
  values: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
});
const classSchema = z.object({
  key: z.string(),
  names,
  description: z.string(),
  attributes: z.array(attributeDef),
  builtIn: z.boolean(),
  version: z.number().int(),
});
const date = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
const ciFields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(300),
  externalId: z.string().trim().min(1).max(200).nullable().optional(),
  status: z.enum(ciStatuses).optional(),
  ownerId: z.uuid().nullable().optional(),
  locationId: z.uuid().nullable().optional(),
  description: z.string().max(20_000).optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  purchaseDate: date.nullable().optional(),
  supplier: z.string().trim().max(300).nullable().optional(),
  cost: z
    .union([
      z.number().min(0, { error: 'must not be negative' }).max(999_999_999_999),
      z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, { error: 'must be an amount like 1234.50' }),
    ])
    .transform(String)
    .nullable()
    .optional(),
  warrantyEnd: date.nullable().optional(),
  disposalDate: date.nullable().optional(),
};
export const ciSchema = z.object({
  id: z.uuid(),
  classKey: z.string(),
  className: names,
  name: z.string(),
  externalId: z.string().nullable(),
  status: z.string(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  locationId: z.uuid().nullable(),
  locationName: z.string().nullable(),
  description: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  purchaseDate: z.string().nullable(),
  supplier: z.string().nullable(),
  cost: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  disposalDate: z.string().nullable(),
  serviceId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
const list = (v: unknown) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v);
export const ciListQuery = cursorQuery.extend({
  class: z
    .preprocess(list, z.array(z.string().max(40)).max(50))
    .optional()
    .describe('Class keys, comma-separated'),
  status: z
    .preprocess(list, z.array(z.enum(ciStatuses)))
    .optional()
    .describe('Statuses, comma-separated'),
  q: z.string().trim().max(200).optional().describe('Part of the name or external id'),
  ownerId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  sort: z.enum(ciSorts).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
const id = z.object({ id: z.uuid({ error: 'must be a CI id (UUID)' }) });
const readers = access.roles(...cmdbReaders);
const editors = access.roles(...cmdbEditors);

export const cmdbRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.get(
    '/api/v1/ci-classes',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'CI classes with their attributes',
        response: { 200: z.object({ items: z.array(classSchema) }) },
      },
    },
    async () => ({ items: await db.select().from(ciClasses).orderBy(ciClasses.key) }),
  );

  app.post(
    '/api/v1/ci-classes',
    {
      config: { access: access.roles(...classEditors) },
      schema: {
        tags,
        summary: 'Define a CI class and its attributes',
        body: z.object({
          key: z.string().max(40),
          names,
          description: z.string().max(2000).optional(),
          attributes: z.array(attributeDef).max(100).default([]),
        }),
        response: { 201: classSchema },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => createClass(ctx, request.body));
      setEtag(reply, row.version);
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/api/v1/ci-classes/:key',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One CI class',
        params: z.object({ key: z.string().max(40) }),
        response: { 200: classSchema },
      },
    },
    async (request, reply) => {
      const row = await loadClass(db, request.params.key);
      if (!row) throw problems.notFound(`CI class ${request.params.key}`);
      setEtag(reply, row.version);
      return row;
    },
  );

  app.patch(
    '/api/v1/ci-classes/:key',
    {
      config: { access: access.roles(...classEditors) },
      schema: {
        tags,
        summary: 'Change a class: names, description, attributes (send If-Match)',
        params: z.object({ key: z.string().max(40) }),
        body: z.strictObject({
          names: names.optional(),
          description: z.string().max(2000).optional(),
          attributes: z.array(attributeDef).max(100).optional(),
        }),
        response: { 200: classSchema },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        updateClass(ctx, request.params.key, expected, request.body),
      );
      setEtag(reply, row.version);
      return row;
    },
  );

  app.get(
    '/api/v1/ci-relationship-types',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Relationship types with their label each way',
        response: {
          200: z.object({ items: z.array(z.object({ key: z.string(), forward: names, reverse: names })) }),
        },
      },
    },
    async () => ({ items: await db.select().from(ciRelationshipTypes).orderBy(ciRelationshipTypes.key) }),
  );

  app.get(
    '/api/v1/cis',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'CIs: filter by class, status, text, owner, location; sorted; cursor-paged',
        querystring: ciListQuery,
        response: { 200: cursorPageOf(ciSchema) },
      },
    },
    async (request) => {
      const { class: classKey, ...rest } = request.query;
      return listCis(db, { ...rest, classKey });
    },
  );

  app.post(
    '/api/v1/cis',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Create a CI; attributes are checked against its class',
        body: z.object({ classKey: z.string().min(1).max(40), ...ciFields }),
        response: { 201: ciSchema },
      },
    },
    async (request, reply) => {
      const ci = await runAsCaller(db, request, async (ctx) =>
        getCi(ctx.tx, (await createCi(ctx, request.body)).id),
      );
      setEtag(reply, ci!.version);
      return reply.status(201).send(ci!);
    },
  );

  app.get(
    '/api/v1/cis/:id',
    {
      config: { access: readers },
      schema: { tags, summary: 'One CI', params: id, response: { 200: ciSchema } },
    },
    async (request, reply) => {
      const ci = await getCi(db, request.params.id);
      if (!ci) throw problems.notFound(`CI ${request.params.id}`);
      setEtag(reply, ci.version);
      return ci;
    },
  );

  app.patch(
    '/api/v1/cis/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Change a CI (send If-Match); attributes named are set, null clears one',
        params: id,
        body: z.strictObject({
          ...ciFields,
          name: ciFields.name.optional(),
          changeRef: z
            .string()
            .max(40)
            .nullable()
            .optional()
            .describe('The change record (a work-item number) this change belongs to'),
        }),
        response: { 200: ciSchema },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const ci = await runAsCaller(db, request, async (ctx) => {
        await updateCi(ctx, request.params.id, expected, request.body);
        return getCi(ctx.tx, request.params.id);
      });
      setEtag(reply, ci!.version);
      return ci!;
    },
  );

  app.get(
    '/api/v1/cis/:id/relationships',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: "A CI's relationships both ways, labelled from its side",
        params: id,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                typeKey: z.string(),
                direction: z.enum(['outgoing', 'incoming']),
                label: names,
                other: z.object({ id: z.uuid(), name: z.string(), classKey: z.string(), status: z.string() }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      if (!(await getCi(db, request.params.id))) throw problems.notFound(`CI ${request.params.id}`);
      return { items: await relationshipsOf(db, request.params.id) };
    },
  );

  app.get(
    '/api/v1/cis/:id/history',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Every change to the CI, its attributes and relationships, newest first',
        params: id,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                field: z.string(),
                oldValue: z.unknown(),
                newValue: z.unknown(),
                actorName: z.string().nullable(),
                changeRef: z.string().nullable(),
                at: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      if (!(await getCi(db, request.params.id))) throw problems.notFound(`CI ${request.params.id}`);
      return { items: await historyOf(db, request.params.id) };
    },
  );

  app.post(
    '/api/v1/cis/:id/history/change-link',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Link history entries of a CI to the change record they belong to (a work-item number)',
        params: id,
        body: z.object({
          entryIds: z.array(z.number().int().positive()).min(1).max(500),
          changeRef: z.string().min(1).max(40),
        }),
        response: { 200: z.object({ changeRef: z.string(), linked: z.number().int() }) },
      },
    },
    async (request) => {
      if (!(await getCi(db, request.params.id))) throw problems.notFound(`CI ${request.params.id}`);
      const number = await runAsCaller(db, request, (ctx) =>
        linkHistoryToChange(ctx, request.params.id, request.body.entryIds, request.body.changeRef),
      );
      return { changeRef: number, linked: new Set(request.body.entryIds).size };
    },
  );

  const impactItem = z.object({
    id: z.uuid(),
    name: z.string(),
    classKey: z.string(),
    status: z.string(),
    serviceId: z.uuid().nullable(),
    depth: z.number().int(),
    via: z.uuid(),
    relationship: z.string(),
  });
  app.get(
    '/api/v1/cis/:id/impact',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Impact: upstream, what fails with this CI (up to services and their customers); downstream, what it stands on',
        params: id,
        querystring: z.object({ direction: z.enum(['upstream', 'downstream']).default('upstream') }),
        response: {
          200: z.object({
            ci: z.object({ id: z.uuid(), name: z.string(), classKey: z.string() }),
            direction: z.enum(['upstream', 'downstream']),
            items: z.array(impactItem),
            services: z
              .array(
                z.object({
                  id: z.uuid(),
                  ciId: z.uuid(),
                  name: z.string(),
                  criticality: z.number().int(),
                  status: z.string(),
                }),
              )
              .optional(),
            customers: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })).optional(),
            agreements: z
              .array(
                z.object({
                  id: z.uuid(),
                  kind: z.string(),
                  name: z.string(),
                  status: z.string(),
                  partyName: z.string().nullable(),
                }),
              )
              .optional(),
          }),
        },
      },
    },
    async (request) => {
      const ci = await getCi(db, request.params.id);
      if (!ci) throw problems.notFound(`CI ${request.params.id}`);
      const result = await impactOf(db, ci.id, request.query.direction);
      return {
        ci: { id: ci.id, name: ci.name, classKey: ci.classKey },
        direction: request.query.direction,
        ...result,
      };
    },
  );

  app.get(
    '/api/v1/licences/compliance',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Licence compliance: entitlements against installations, over- and under-use per licence',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                name: z.string(),
                vendor: z.string().nullable(),
                metric: z.string().nullable(),
                expires: z.string().nullable(),
                entitlements: z.number().int(),
                installations: z.number().int(),
                balance: z.number().int(),
                position: z.enum(['over', 'under', 'balanced', 'not_measured']),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await licenceCompliance(db) }),
  );

  const auditSummary = z.object({
    id: z.uuid(),
    title: z.string(),
    classKey: z.string().nullable(),
    sampleSize: z.number().int().nullable(),
    plannedFor: z.string(),
    state: z.enum(['planned', 'in_progress', 'completed', 'cancelled']),
    auditorId: z.uuid().nullable(),
    auditorName: z.string().nullable(),
    version: z.number().int(),
    completedAt: z.string().nullable(),
    items: z.number().int(),
    checked: z.number().int(),
    matches: z.number().int(),
    mismatches: z.number().int(),
    openFollowUps: z.number().int(),
    accuracy: z.number().nullable().describe('Matches as a share of CIs checked, in %'),
  });
  const auditItem = z.object({
    ciId: z.uuid(),
    name: z.string(),
    classKey: z.string(),
    result: z.enum(['match', 'mismatch']).nullable(),
    discrepancy: z.string().nullable(),
    followUp: z.string().nullable(),
    followUpDone: z.boolean(),
    checkedByName: z.string().nullable(),
    checkedAt: z.string().nullable(),
  });
  const auditId = z.object({ id: z.uuid() });
  const vtags = ['configuration verification'];

  app.get(
    '/api/v1/ci-audits',
    {
      config: { access: readers },
      schema: {
        tags: vtags,
        summary:
          'Configuration audits with progress and accuracy; completed ones, by date, give accuracy over time',
        response: { 200: z.object({ items: z.array(auditSummary) }) },
      },
    },
    async () => ({ items: await listAudits(db) }),
  );

  app.post(
    '/api/v1/ci-audits',
    {
      config: { access: editors },
      schema: {
        tags: vtags,
        summary: 'Plan a configuration audit: all CIs in use of a class, or a random sample',
        body: z.object({
          title: z.string().trim().min(1, { error: 'is required' }).max(300),
          classKey: z.string().max(40).nullable().optional(),
          sampleSize: z.number().int().min(1).max(10_000).nullable().optional(),
          plannedFor: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
          auditorId: z.uuid().nullable().optional(),
        }),
        response: { 201: auditSummary.extend({ ciItems: z.array(auditItem) }) },
      },
    },
    async (request, reply) => {
      const audit = await runAsCaller(db, request, async (ctx) =>
        getAudit(ctx.tx, (await planAudit(ctx, request.body)).id),
      );
      setEtag(reply, audit!.version);
      return reply.status(201).send(audit!);
    },
  );

  app.get(
    '/api/v1/ci-audits/:id',
    {
      config: { access: readers },
      schema: {
        tags: vtags,
        summary: 'One configuration audit with every CI and what was found',
        params: auditId,
        response: { 200: auditSummary.extend({ ciItems: z.array(auditItem) }) },
      },
    },
    async (request, reply) => {
      const audit = await getAudit(db, request.params.id);
      if (!audit) throw problems.notFound(`Configuration audit ${request.params.id}`);
      setEtag(reply, audit.version);
      return audit;
    },
  );

  app.put(
    '/api/v1/ci-audits/:id/items/:ciId',
    {
      config: { access: editors },
      schema: {
        tags: vtags,
        summary: 'Record whether a CI matches reality; a mismatch needs the discrepancy and its follow-up',
        params: auditId.extend({ ciId: z.uuid() }),
        body: z.strictObject({
          result: z.enum(['match', 'mismatch']).optional(),
          discrepancy: z.string().max(5000).nullable().optional(),
          followUp: z.string().max(5000).nullable().optional(),
          followUpDone: z.boolean().optional(),
        }),
        response: {
          200: z.object({ ciId: z.uuid(), result: z.string().nullable(), followUpDone: z.boolean() }),
        },
      },
    },
    async (request) => {
      const item = await runAsCaller(db, request, (ctx) =>
        recordCheck(ctx, request.params.id, request.params.ciId, request.body),
      );
      return { ciId: item.ciId, result: item.result, followUpDone: item.followUpDone };
    },
  );

  for (const to of ['completed', 'cancelled'] as const) {
    app.post(
      `/api/v1/ci-audits/:id/${to === 'completed' ? 'complete' : 'cancel'}`,
      {
        config: { access: editors },
        schema: {
          tags: vtags,
          summary:
            to === 'completed'
              ? 'Complete the audit once every CI is checked (send If-Match)'
              : 'Cancel the audit (send If-Match)',
          params: auditId,
          response: { 200: auditSummary.extend({ ciItems: z.array(auditItem) }) },
        },
      },
      async (request, reply) => {
        const expected = expectedVersion(request);
        const audit = await runAsCaller(db, request, async (ctx) => {
          await closeAudit(ctx, request.params.id, expected, to);
          return getAudit(ctx.tx, request.params.id);
        });
        setEtag(reply, audit!.version);
        return audit!;
      },
    );
  }

  const relationshipSchema = z.object({
    id: z.uuid(),
    sourceId: z.uuid(),
    targetId: z.uuid(),
    typeKey: z.string(),
    createdAt: z.string(),
  });
  app.get(
    '/api/v1/ci-relationships',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Relationships, filtered by CI and type; cursor-paged',
        querystring: cursorQuery.extend({ ciId: z.uuid().optional(), type: z.string().max(40).optional() }),
        response: { 200: cursorPageOf(relationshipSchema) },
      },
    },
    async (request) => {
      return listRelationships(db, request.query);
    },
  );

  app.post(
    '/api/v1/ci-relationships',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Relate two CIs: source → target reads "source <type> target", e.g. app depends_on database',
        body: z.object({ sourceId: z.uuid(), targetId: z.uuid(), typeKey: z.string().min(1).max(40) }),
        response: { 201: relationshipSchema },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => createRelationship(ctx, request.body));
      return reply.status(201).send({ ...row, createdAt: row.createdAt.toISOString() });
    },
  );

  app.delete(
    '/api/v1/ci-relationships/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Remove a relationship',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) => deleteRelationship(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );
};

const importQuery = z.object({
  dryRun: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
  mapping: z
    .string()
    .max(10_000)
    .optional()
    .describe(
      'JSON object from CSV column to field, e.g. {"Asset tag":"externalId","RAM":"attributes.memory_gb","Notes":"ignore"}',
    ),
});
const rowResult = z.object({
  row: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged', 'error']),
  key: z.string(),
  id: z.uuid().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
const importReport = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  rows: z.array(rowResult),
});

function parseMapping(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const m = JSON.parse(raw) as unknown;
    if (
      typeof m !== 'object' ||
      m === null ||
      Array.isArray(m) ||
      Object.values(m).some((v) => typeof v !== 'string')
    )
      throw new Error();
    return m as Record<string, string>;
  } catch {
    throw problems.validation([
      { field: 'querystring.mapping', message: 'must be a JSON object of column name to field name' },
    ]);
  }
}

export const cmdbImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  app.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'string', bodyLimit: 32 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  const importRoute = (url: string, summary: string, fn: typeof importCis) =>
    app.post(
      url,
      {
        config: { access: access.roles(...cmdbEditors) },
        schema: {
          tags,
          summary,
          consumes: ['text/csv'],
          querystring: importQuery,
          body: z.string({ error: 'send the CSV file as the body with Content-Type: text/csv' }),
          response: { 200: importReport },
        },
      },
      async (request) => {
        const dryRun = request.query.dryRun === 'true';
        const mapping = parseMapping(request.query.mapping);
        try {
          return await runAsCaller(db, request, (ctx) => fn(ctx, request.body, { dryRun, mapping }));
        } catch (e) {
          if (e instanceof DryRunRollback) return e.report;
          throw e;
        }
      },
    );
  importRoute(
    '/api/v1/cis/import',
    'Import CIs from CSV: dry run by default; rows matched by externalId, else class and name; all rows or none',
    importCis,
  );
  importRoute(
    '/api/v1/ci-relationships/import',
    'Import relationships from CSV (sourceClass, source, type, targetClass, target); dry run by default',
    importRelationships,
  );

  app.get(
    '/api/v1/cis/export',
    {
      config: { access: access.roles(...cmdbReaders) },
      schema: {
        tags,
        summary: 'The CIs of a filtered list as CSV, in the columns the import reads',
        querystring: ciListQuery.omit({ limit: true, cursor: true }),
        produces: ['text/csv'],
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
