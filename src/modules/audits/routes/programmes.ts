import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../../kernel/auth/principal.ts';
import type { Language } from '../../../kernel/auth/users.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { day, idParam, noBodyIsEmpty } from '../../../kernel/http/params.ts';
import { createProgramme, rateProcessRisk, stepProgramme, updateProgramme } from '../commands/programmes.ts';
import { auditPlanners, auditReaders, programmeApprovers, programmeKeepers } from '../policy.ts';
import {
  listProgrammes,
  presentProgramme,
  programmeCalendar,
  programmeCoverage,
} from '../queries/programmes.ts';
import {
  calendarShape,
  coverageShape,
  noteBody,
  processRiskBody,
  programmeBody,
  programmeDetailShape,
  programmeListQuery,
  programmeListShape,
  programmePatch,
} from '../shapes.ts';

const tags = ['audits'];
const id = idParam('audit programme');

/** Audit programmes (9.2): planned over a cycle, approved by top management, with coverage and calendar. */
export const programmeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...auditReaders);
  const planners = access.auditWork(...auditPlanners);
  // a programme's owner may hold any internal role: the command asks the policy about this programme
  const keepers = access.auditWork(...programmeKeepers);
  const show = async (who: Principal, programmeId: string, reply: FastifyReply) => {
    const p = await presentProgramme(db, who, programmeId);
    setEtag(reply, p.version);
    return p;
  };

  app.get(
    '/api/v1/audit-programmes',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Audit programmes, newest cycle first',
        querystring: programmeListQuery,
        response: { 200: programmeListShape },
      },
    },
    (request) => listProgrammes(db, request.query),
  );

  app.post(
    '/api/v1/audit-programmes',
    {
      config: { access: planners },
      schema: {
        tags,
        summary: 'Draft an audit programme over a cycle (internal auditors, process owners, top management)',
        body: programmeBody,
        response: { 201: programmeDetailShape },
      },
    },
    async (request, reply) => {
      const p = await runAsCaller(db, request, (ctx) =>
        createProgramme(ctx, request.principal!, request.body),
      );
      reply.status(201);
      return show(request.principal!, p.id, reply);
    },
  );

  app.get(
    '/api/v1/audit-programmes/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One audit programme with its audits',
        params: id,
        response: { 200: programmeDetailShape },
      },
    },
    (request, reply) => show(request.principal!, request.params.id, reply),
  );

  app.patch(
    '/api/v1/audit-programmes/:id',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Change a draft audit programme: its planners or its owner (send If-Match)',
        params: id,
        body: programmePatch,
        response: { 200: programmeDetailShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateProgramme(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  app.patch(
    '/api/v1/audit-programmes/:id/process-risk',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary:
          'Rate each process’s risk (replaces the whole map), in a draft or approved programme: its planners or its owner (send If-Match)',
        params: id,
        body: processRiskBody,
        response: { 200: programmeDetailShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        rateProcessRisk(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  for (const [step, summary, who] of [
    ['approve', 'Top management approves a draft audit programme', access.roles(...programmeApprovers)],
    ['close', 'Close an approved programme whose cycle is done (its owner or top management)', keepers],
  ] as const)
    app.post(
      `/api/v1/audit-programmes/:id/${step}`,
      {
        config: { access: who },
        schema: { tags, summary, params: id, body: noteBody, response: { 200: programmeDetailShape } },
        preValidation: noBodyIsEmpty,
      },
      async (request, reply) => {
        await runAsCaller(db, request, (ctx) =>
          stepProgramme(ctx, request.principal!, request.params.id, step, request.body.note),
        );
        return show(request.principal!, request.params.id, reply);
      },
    );

  app.get(
    '/api/v1/audit-programmes/:id/coverage',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Each clause of the register and each process of the process register with the audits covering them in the programme’s cycle, and the gaps',
        params: id,
        response: { 200: coverageShape },
      },
    },
    (request) => programmeCoverage(db, request.params.id, request.principal!.language as Language),
  );

  app.get(
    '/api/v1/audit-programmes/:id/calendar',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The programme’s audits by planned dates, for its calendar; from/to narrow it to a window',
        params: id,
        querystring: z.object({ from: day.optional(), to: day.optional() }),
        response: { 200: calendarShape },
      },
    },
    (request) => programmeCalendar(db, request.params.id, request.query.from, request.query.to),
  );
};
