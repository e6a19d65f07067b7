import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { idParam } from '../../kernel/http/params.ts';
import { problems } from '../../kernel/http/problem.ts';
import { appoint, updateAppointment } from './commands/appointments.ts';
import { recordCompetence } from './commands/competences.ts';
import { createProcess, createRole, updateProcess, updateRole } from './commands/roles.ts';
import { mayReadCompetencesOf, roleKeepers, roleReaders } from './policy.ts';
import {
  appointmentFor,
  appointmentView,
  competencesOf,
  listAppointments,
  listProcesses,
  presentRole,
  processFor,
  roleCatalogue,
} from './queries.ts';
import {
  appointmentBody,
  appointmentPatch,
  appointmentShape,
  catalogueShape,
  competenceBody,
  competenceListShape,
  competenceRecordShape,
  processBody,
  processListShape,
  processPatch,
  processShape,
  roleBody,
  roleDetailShape,
  rolePatch,
} from './shapes.ts';

const tags = ['roles'];

/** Roles, appointments, the process register and competences (docs/governance.md, 5.3 and 7.2). */
export const roleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...roleReaders);
  const keepers = access.roles(...roleKeepers);

  app.get(
    '/api/v1/roles',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'The role catalogue: responsibilities, authorities, required competences, the access role each gives, current and coming holders with deputies; and the gaps (vacant roles, no deputy, appointments ending, processes without owner, missing competences)',
        querystring: z.object({ retired: z.enum(['true', 'false']).optional() }),
        response: { 200: catalogueShape },
      },
    },
    (request) => roleCatalogue(db, { retired: request.query.retired === 'true' }),
  );

  app.post(
    '/api/v1/roles',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Add a role to the catalogue',
        body: roleBody,
        response: { 201: roleDetailShape },
      },
    },
    async (request, reply) => {
      const r = await runAsCaller(db, request, (ctx) => createRole(ctx, request.principal!, request.body));
      reply.status(201);
      setEtag(reply, r.version);
      return presentRole(db, r.id);
    },
  );

  app.get(
    '/api/v1/roles/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One role with all its appointments',
        params: idParam(),
        response: { 200: roleDetailShape },
      },
    },
    async (request, reply) => {
      const r = await presentRole(db, request.params.id);
      setEtag(reply, r.version);
      return r;
    },
  );

  app.patch(
    '/api/v1/roles/:id',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary:
          'Change a role (send If-Match); its key stays. Changing the access it gives is top management’s',
        params: idParam(),
        body: rolePatch,
        response: { 200: roleDetailShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateRole(ctx, request.principal!, request.params.id, expected, request.body),
      );
      const r = await presentRole(db, request.params.id);
      setEtag(reply, r.version);
      return r;
    },
  );

  app.get(
    '/api/v1/appointments',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Appointments of people to roles, newest first (by role, by person as holder or deputy; ended=false hides past ones)',
        querystring: z.object({
          roleId: z.uuid().optional(),
          userId: z.uuid().optional(),
          ended: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: z.object({ items: z.array(appointmentShape) }) },
      },
    },
    async (request) => ({
      items: await listAppointments(db, {
        ...request.query,
        ended: request.query.ended === undefined ? undefined : request.query.ended === 'true',
      }),
    }),
  );

  app.post(
    '/api/v1/appointments',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary:
          'Appoint a person to a role from a date (optionally to a date, with a deputy); the role’s access role follows',
        body: appointmentBody,
        response: { 201: appointmentShape },
      },
    },
    async (request, reply) => {
      const a = await runAsCaller(db, request, (ctx) => appoint(ctx, request.principal!, request.body));
      reply.status(201);
      setEtag(reply, a.version);
      return appointmentView(db, a);
    },
  );

  app.patch(
    '/api/v1/appointments/:id',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Change an appointment (send If-Match): end it, name a deputy, record an absence',
        params: idParam(),
        body: appointmentPatch,
        response: { 200: appointmentShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const a = await runAsCaller(db, request, (ctx) =>
        updateAppointment(ctx, request.principal!, request.params.id, expected, request.body),
      );
      setEtag(reply, a.version);
      return appointmentView(db, a);
    },
  );

  app.get(
    '/api/v1/appointments/:id',
    {
      config: { access: readers },
      schema: { tags, summary: 'One appointment', params: idParam(), response: { 200: appointmentShape } },
    },
    async (request, reply) => {
      const a = await appointmentFor(db, request.params.id);
      setEtag(reply, a.version);
      return appointmentView(db, a);
    },
  );

  app.get(
    '/api/v1/processes',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The process register: owner, KPIs, criteria and RACI matrix of each process',
        response: { 200: processListShape },
      },
    },
    async () => ({ items: await listProcesses(db) }),
  );

  app.post(
    '/api/v1/processes',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Add a process to the register',
        body: processBody,
        response: { 201: processShape },
      },
    },
    async (request, reply) => {
      const p = await runAsCaller(db, request, (ctx) => createProcess(ctx, request.body));
      reply.status(201);
      setEtag(reply, p.version);
      return p;
    },
  );

  app.get(
    '/api/v1/processes/:id',
    {
      config: { access: readers },
      schema: { tags, summary: 'One process', params: idParam(), response: { 200: processShape } },
    },
    async (request, reply) => {
      const p = await processFor(db, request.params.id);
      setEtag(reply, p.version);
      return p;
    },
  );

  app.patch(
    '/api/v1/processes/:id',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Change a process, its owner or its RACI matrix (send If-Match); its key stays',
        params: idParam(),
        body: processPatch,
        response: { 200: processShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const p = await runAsCaller(db, request, (ctx) =>
        updateProcess(ctx, request.params.id, expected, request.body),
      );
      setEtag(reply, p.version);
      return p;
    },
  );

  app.get(
    '/api/v1/competences',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'A person’s competence and training records (your own, or anyone’s for role keepers and auditors)',
        querystring: z.object({ userId: z.uuid() }),
        response: { 200: competenceListShape },
      },
    },
    async (request) => {
      if (!mayReadCompetencesOf(request.principal!, request.query.userId))
        throw problems.forbidden('You see your own competence records only.');
      return { items: await competencesOf(db, request.query.userId) };
    },
  );

  app.post(
    '/api/v1/competences',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Record a competence or training for a person, with the evidence',
        body: competenceBody,
        response: { 201: competenceRecordShape },
      },
    },
    async (request, reply) => {
      const { userId, ...input } = request.body;
      const row = await runAsCaller(db, request, (ctx) =>
        recordCompetence(ctx, request.principal!, userId, input),
      );
      reply.status(201);
      return row;
    },
  );
};
