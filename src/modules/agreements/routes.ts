import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { problems } from '../../kernel/http/problem.ts';
import {
  agreementKinds,
  agreementStatuses,
  createAgreement,
  createCalendar,
  metrics,
  updateAgreement,
  updateCalendar,
} from './commands.ts';
import { agreementEditors, agreementReaders } from './policy.ts';
import { getAgreement, listAgreements, servicesWithoutSla } from './queries.ts';
import { serviceLevelReport } from './report.ts';
import { businessCalendars } from './schema.ts';

const tags = ['agreements'];
const interval = z.object({ start: z.string().max(5), end: z.string().max(5) });
const calendarFields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
  timeZone: z.string().min(1).max(64).describe('IANA time zone, e.g. Europe/Amsterdam'),
  week: z
    .record(z.string(), z.array(interval).max(12))
    .describe('ISO weekday 1 (Monday) to 7 → open intervals "HH:MM"'),
  holidays: z
    .array(
      z.object({
        date: z.string().max(10),
        name: z.string().max(200).optional(),
        closed: z.array(interval).max(12).optional(),
      }),
    )
    .max(1000)
    .optional(),
};
const calendarSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  week: z.record(z.string(), z.array(interval)),
  holidays: z.array(
    z.object({ date: z.string(), name: z.string().optional(), closed: z.array(interval).optional() }),
  ),
  version: z.number().int(),
});
const target = z.object({
  metric: z.enum(metrics),
  priority: z.number().int().min(1).max(5),
  minutes: z.number().int().min(1, { error: 'must be at least one minute' }).max(525_600),
  warnPercent: z.number().int().min(1).max(99).default(75),
});
const date = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
const agreementFields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(300),
  customerId: z.uuid().nullable().optional(),
  supplierCiId: z.uuid().nullable().optional(),
  internalParty: z.string().trim().max(300).nullable().optional(),
  groupId: z
    .uuid()
    .nullable()
    .optional()
    .describe("An OLA's internal group: its clocks measure the group's share of each incident it holds"),
  calendarId: z.uuid(),
  status: z.enum(agreementStatuses).optional(),
  validFrom: date.nullable().optional(),
  validTo: date.nullable().optional(),
  workloadLimits: z.string().max(20_000).optional(),
  exceptions: z.string().max(20_000).optional(),
  pauseOn: z
    .array(z.enum(['customer', 'supplier', 'change']))
    .max(3)
    .optional()
    .describe('Which pending reasons stop the clocks of items under this agreement'),
  serviceIds: z.array(z.uuid()).max(1000).optional(),
  targets: z.array(target).max(60).optional(),
};
const agreementSchema = z.object({
  id: z.uuid(),
  kind: z.enum(agreementKinds),
  name: z.string(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  supplierCiId: z.uuid().nullable(),
  supplierName: z.string().nullable(),
  internalParty: z.string().nullable(),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  calendarId: z.uuid(),
  calendarName: z.string(),
  calendarTimeZone: z
    .string()
    .describe("The calendar's time zone: the service level report's days and months"),
  status: z.enum(agreementStatuses),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  workloadLimits: z.string(),
  exceptions: z.string(),
  pauseOn: z.array(z.string()),
  version: z.number().int(),
  services: z.array(z.object({ id: z.uuid(), name: z.string() })),
  targets: z.array(target),
});
const id = z.object({ id: z.uuid() });

export const agreementRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...agreementReaders);
  const editors = access.roles(...agreementEditors);

  app.get(
    '/api/v1/calendars',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Business calendars',
        response: { 200: z.object({ items: z.array(calendarSchema) }) },
      },
    },
    async () => ({
      items: await db.select().from(businessCalendars).orderBy(sql`lower(${businessCalendars.name})`),
    }),
  );
  app.post(
    '/api/v1/calendars',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Add a business calendar: weekly hours, holidays (whole or partial days), time zone',
        body: z.object(calendarFields),
        response: { 201: calendarSchema },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => createCalendar(ctx, request.body));
      setEtag(reply, row.version);
      return reply.status(201).send(row);
    },
  );
  app.patch(
    '/api/v1/calendars/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Change a calendar (send If-Match); clocks using it follow at once',
        params: id,
        body: z.strictObject({
          ...calendarFields,
          name: calendarFields.name.optional(),
          timeZone: calendarFields.timeZone.optional(),
          week: calendarFields.week.optional(),
        }),
        response: { 200: calendarSchema },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        updateCalendar(ctx, request.params.id, expected, request.body),
      );
      setEtag(reply, row.version);
      return row;
    },
  );

  app.get(
    '/api/v1/agreements',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Agreements: SLAs, OLAs and underpinning contracts; filter by kind, service, customer',
        querystring: z.object({
          kind: z.enum(agreementKinds).optional(),
          serviceId: z.uuid().optional(),
          customerId: z.uuid().optional(),
        }),
        response: { 200: z.object({ items: z.array(agreementSchema) }) },
      },
    },
    async (request) => ({ items: await listAgreements(db, request.query) }),
  );
  app.get(
    '/api/v1/agreements/services-without-sla',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Live business services that no active SLA covers (ISO/IEC 20000-1 8.3.3)',
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }) },
      },
    },
    async () => ({ items: await servicesWithoutSla(db) }),
  );
  app.post(
    '/api/v1/agreements',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Record an agreement with its services, targets and calendar',
        body: z.object({ kind: z.enum(agreementKinds), ...agreementFields }),
        response: { 201: agreementSchema },
      },
    },
    async (request, reply) => {
      const view = await runAsCaller(db, request, async (ctx) =>
        getAgreement(ctx.tx, (await createAgreement(ctx, request.body)).id),
      );
      setEtag(reply, view!.version);
      return reply.status(201).send(view!);
    },
  );
  app.get(
    '/api/v1/agreements/:id',
    {
      config: { access: readers },
      schema: { tags, summary: 'One agreement', params: id, response: { 200: agreementSchema } },
    },
    async (request, reply) => {
      const view = await getAgreement(db, request.params.id);
      if (!view) throw problems.notFound(`Agreement ${request.params.id}`);
      setEtag(reply, view.version);
      return view;
    },
  );
  app.get(
    '/api/v1/agreements/:id/report',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Service level report: targets met and missed, breaches with reasons, per service and month, workload',
        params: id,
        querystring: z
          .object({
            from: z.iso.date().describe('First day, YYYY-MM-DD'),
            to: z.iso.date().describe('Last day, YYYY-MM-DD'),
          })
          .refine((q) => q.from <= q.to, { path: ['to'], error: 'must not be before from' }),
      },
    },
    async (request) => {
      const view = await getAgreement(db, request.params.id);
      if (!view) throw problems.notFound(`Agreement ${request.params.id}`);
      return {
        agreement: { id: view.id, name: view.name, kind: view.kind },
        ...(await serviceLevelReport(db, view, request.query.from, request.query.to)),
      };
    },
  );
  app.patch(
    '/api/v1/agreements/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Change an agreement (send If-Match); serviceIds and targets, when sent, replace the lists',
        params: id,
        body: z.strictObject({
          ...agreementFields,
          name: agreementFields.name.optional(),
          calendarId: agreementFields.calendarId.optional(),
        }),
        response: { 200: agreementSchema },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const view = await runAsCaller(db, request, async (ctx) => {
        await updateAgreement(ctx, request.params.id, expected, request.body);
        return getAgreement(ctx.tx, request.params.id);
      });
      setEtag(reply, view!.version);
      return view!;
    },
  );
};
