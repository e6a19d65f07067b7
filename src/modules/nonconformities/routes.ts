import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { staffRoles } from '../../kernel/access/roles.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { pageOf } from '../../kernel/http/pagination.ts';
import { numberParam } from '../../kernel/http/params.ts';
import { problems } from '../../kernel/http/problem.ts';
import { loadItem } from '../../kernel/records/commands.ts';
import { fireTypedTransition } from '../../kernel/records/routes.ts';
import { addCorrectiveAction, updateCorrectiveAction } from './commands/actions.ts';
import { recordEffectiveness, setNcSettings } from './commands/checks.ts';
import { NONCONFORMITY, settingsOf } from './commands/common.ts';
import { raiseNonconformity, updateNonconformity } from './commands/raise.ts';
import { ncAuditors, ncRaisers, ncReaders, ncSettingsKeepers } from './policy.ts';
import { listNonconformities, presentActionOf, presentNonconformity } from './queries.ts';
import {
  actionPatchBody,
  correctiveActionSchema,
  effectivenessBody,
  listQuery,
  newActionBody,
  newNonconformityBody,
  nonconformityPatchBody,
  nonconformityRowSchema,
  nonconformitySchema,
  settingsBody,
  settingsSchema,
  transitionBody,
} from './shapes.ts';

const tags = ['nonconformities'];
const params = numberParam('NC-000042');
const only = { type: NONCONFORMITY, noun: 'Nonconformity' };

async function present(db: Queryable, number: string, who: Principal) {
  const { item, def } = await loadItem(db, number, who);
  if (item.type !== NONCONFORMITY) throw problems.notFound(`Nonconformity ${number}`);
  return presentNonconformity(db, item, def, who);
}

async function presentOneAction(db: Queryable, number: string, actionId: string, who: Principal) {
  const { item } = await loadItem(db, number, who);
  return presentActionOf(db, item, actionId, who);
}

/** Nonconformities and corrective actions (ISO/IEC 20000-1 10.1, docs/check-and-act.md). */
export const nonconformityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...ncReaders);
  // a nonconformity's owner, the owner of its process, or a corrective action's responsible person may be
  // any member of the staff: the route admits the staff, the command asks the record's rule
  const staff = access.roles(...staffRoles);
  // the effectiveness check and the closing may be the internal auditor's (settings): audit work
  const staffAndAuditor = access.auditWork(...staffRoles, ...ncAuditors);

  app.get(
    '/api/v1/nonconformities',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Nonconformities, newest first, a page at a time (everyone inside the provider reads them)',
        querystring: listQuery,
        response: { 200: pageOf(nonconformityRowSchema) },
      },
    },
    async (request) => listNonconformities(db, request.principal!, request.query),
  );

  app.post(
    '/api/v1/nonconformities',
    {
      config: { access: access.roles(...ncRaisers) },
      schema: {
        tags,
        summary: 'Record a nonconformity from an incident, a PIR, a complaint, a review or elsewhere',
        description:
          'Audits raise theirs from their findings. The owner defaults to the owner of the process named (process register); the owner is told.',
        body: newNonconformityBody,
        response: { 201: nonconformitySchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const nc = await runAsCaller(db, request, (ctx) => raiseNonconformity(ctx, who, request.body));
      const result = await present(db, nc.number, who);
      setEtag(reply, result.version);
      return reply.status(201).header('location', `/api/v1/nonconformities/${nc.number}`).send(result);
    },
  );

  app.get(
    '/api/v1/nonconformities/:number',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'One nonconformity with its correction, analysis, corrective actions and effectiveness check',
        params,
        response: { 200: nonconformitySchema },
      },
    },
    async (request, reply) => {
      const result = await present(db, request.params.number, request.principal!);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.patch(
    '/api/v1/nonconformities/:number',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Change a nonconformity’s fields, correction and analysis (send If-Match)',
        description: 'Its owner, the owner of its process, process owners and top management answer it.',
        params,
        body: nonconformityPatchBody,
        response: { 200: nonconformitySchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateNonconformity(ctx, who, request.params.number, expected, request.body),
      );
      const result = await present(db, request.params.number, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.post(
    '/api/v1/nonconformities/:number/transitions',
    {
      config: { access: staffAndAuditor },
      schema: {
        tags,
        summary:
          'Move a nonconformity to another state (send If-Match); 409 when the lifecycle does not lead there',
        description:
          'analysis needs the correction; action needs a root cause and a corrective action; verification needs every action done (and sets the effectiveness date); closed needs an effectiveness check recorded as effective (409 otherwise) and is the auditor’s, the process owner’s or either’s as the settings say; cancelled needs a reason.',
        params,
        body: transitionBody,
        response: { 200: nonconformitySchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      await fireTypedTransition(db, request, only);
      const result = await present(db, request.params.number, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.post(
    '/api/v1/nonconformities/:number/actions',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Add a corrective action: what, who and by when (escalated once if still open after it)',
        params,
        body: newActionBody,
        response: { 201: correctiveActionSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const row = await runAsCaller(db, request, (ctx) =>
        addCorrectiveAction(ctx, who, request.params.number, request.body),
      );
      const result = await presentOneAction(db, request.params.number, row.id, who);
      setEtag(reply, result.version);
      return reply.status(201).send(result);
    },
  );

  app.patch(
    '/api/v1/nonconformities/:number/actions/:id',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Tick a corrective action off with a note, open it again, or change it (send If-Match)',
        description:
          'Its responsible person ticks it off or opens it again; whoever answers the nonconformity also rewords, reassigns or moves it.',
        params: params.extend({ id: z.uuid({ error: 'must be a corrective action id (UUID)' }) }),
        body: actionPatchBody,
        response: { 200: correctiveActionSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateCorrectiveAction(ctx, who, request.params.number, request.params.id, expected, request.body),
      );
      const result = await presentOneAction(db, request.params.number, request.params.id, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.post(
    '/api/v1/nonconformities/:number/effectiveness',
    {
      config: { access: staffAndAuditor },
      schema: {
        tags,
        summary: 'Record the effectiveness check of the corrective actions (send If-Match)',
        description:
          'In verification only, by the auditor, the process owner or either as the settings say. not_effective sends the nonconformity back to analysis.',
        params,
        body: effectivenessBody,
        response: { 200: nonconformitySchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        recordEffectiveness(ctx, who, request.params.number, expected, request.body),
      );
      const result = await present(db, request.params.number, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.get(
    '/api/v1/nonconformity-settings',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Who closes nonconformities, and how many days after verification effectiveness is checked',
        response: { 200: settingsSchema },
      },
    },
    async (_request, reply) => {
      const s = await settingsOf(db);
      setEtag(reply, s.version);
      return s;
    },
  );

  app.put(
    '/api/v1/nonconformity-settings',
    {
      config: { access: access.roles(...ncSettingsKeepers) },
      schema: {
        tags,
        summary:
          'Set who closes nonconformities and the effectiveness check’s delay (send If-Match; "0" at first)',
        body: settingsBody,
        response: { 200: settingsSchema },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const s = await runAsCaller(db, request, (ctx) =>
        setNcSettings(ctx, request.principal!, expected, request.body),
      );
      setEtag(reply, s.version);
      return s;
    },
  );
};
