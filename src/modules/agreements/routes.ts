import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { idParam } from '../../kernel/http/params.ts';
import { problems } from '../../kernel/http/problem.ts';
import { createAgreement, createCalendar, updateAgreement, updateCalendar } from './commands.ts';
import { agreementEditors, agreementReaders } from './policy.ts';
import { getAgreement, listAgreements, servicesWithoutSla } from './queries/agreements.ts';
import { serviceLevelReport } from './report.ts';
import { businessCalendars } from './schema.ts';
import {
  agreementBody,
  agreementListQuery,
  agreementPatch,
  agreementShape,
  calendarBody,
  calendarPatch,
  calendarShape,
  reportQuery,
  serviceLevelReportShape,
} from './shapes.ts';

const tags = ['agreements'];
const id = idParam('agreement');

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
        response: { 200: z.object({ items: z.array(calendarShape) }) },
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
        body: calendarBody,
        response: { 201: calendarShape },
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
        params: idParam('calendar'),
        body: calendarPatch,
        response: { 200: calendarShape },
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
        querystring: agreementListQuery,
        response: { 200: z.object({ items: z.array(agreementShape) }) },
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
        body: agreementBody,
        response: { 201: agreementShape },
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
      schema: { tags, summary: 'One agreement', params: id, response: { 200: agreementShape } },
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
        querystring: reportQuery,
        response: { 200: serviceLevelReportShape },
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
        body: agreementPatch,
        response: { 200: agreementShape },
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
