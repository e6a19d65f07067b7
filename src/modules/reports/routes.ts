import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { pageQuery } from '../../kernel/http/pagination.ts';
import { idParam } from '../../kernel/http/params.ts';
import { createSchedule, deleteSchedule, sendNow, updateSchedule } from './commands.ts';
import { reportKeepers, reportReaders } from './policy.ts';
import { listDistributions, listSchedules, presentSchedule } from './queries.ts';
import {
  distributionListShape,
  distributionQuery,
  distributionShape,
  scheduleBody,
  scheduleListShape,
  schedulePatch,
  scheduleShape,
} from './shapes.ts';

const tags = ['service reporting'];
const id = idParam('report schedule');

/** Scheduled service reports (9.4, docs/check-and-act.md): the schedules and what was sent. */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...reportReaders);
  const keepers = access.roles(...reportKeepers);

  app.get(
    '/api/v1/report-schedules',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Scheduled reports: what is sent, how often, in which formats, to whom',
        querystring: pageQuery,
        response: { 200: scheduleListShape },
      },
    },
    (request) => listSchedules(db, request.query, request.principal!),
  );

  app.post(
    '/api/v1/report-schedules',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary:
          'Schedule a report (an agreement’s service level report, the KPI pack, the management review pack), sent after each period',
        body: scheduleBody,
        response: { 201: scheduleShape },
      },
    },
    async (request, reply) => {
      const s = await runAsCaller(db, request, (ctx) =>
        createSchedule(ctx, request.principal!, request.body),
      );
      const view = await presentSchedule(db, s.id, request.principal!);
      setEtag(reply, view.version);
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/v1/report-schedules/:id',
    {
      config: { access: readers },
      schema: { tags, summary: 'One report schedule', params: id, response: { 200: scheduleShape } },
    },
    async (request, reply) => {
      const view = await presentSchedule(db, request.params.id, request.principal!);
      setEtag(reply, view.version);
      return view;
    },
  );

  app.patch(
    '/api/v1/report-schedules/:id',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Change a report schedule or switch it off (send If-Match)',
        params: id,
        body: schedulePatch,
        response: { 200: scheduleShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateSchedule(ctx, request.principal!, request.params.id, expected, request.body),
      );
      const view = await presentSchedule(db, request.params.id, request.principal!);
      setEtag(reply, view.version);
      return view;
    },
  );

  app.delete(
    '/api/v1/report-schedules/:id',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Remove a schedule that has sent nothing yet (one that has is switched off instead)',
        params: id,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) => deleteSchedule(ctx, request.principal!, request.params.id));
      reply.status(204);
    },
  );

  app.post(
    '/api/v1/report-schedules/:id/send-now',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Send the report of the period just ended now, and record its distribution',
        params: id,
        response: { 201: distributionShape },
      },
    },
    async (request, reply) => {
      const d = await runAsCaller(db, request, (ctx) => sendNow(ctx, request.principal!, request.params.id));
      const page = await listDistributions(db, { id: d.id, limit: 1, offset: 0 });
      return reply.status(201).send(page.items[0]!);
    },
  );

  app.get(
    '/api/v1/report-distributions',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Reports sent, newest first: the period, recipients, files with their SHA-256 and delivery (evidence of 9.4)',
        querystring: distributionQuery,
        response: { 200: distributionListShape },
      },
    },
    (request) => listDistributions(db, request.query),
  );
};
