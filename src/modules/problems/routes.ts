import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { cursorQuery } from '../../kernel/http/pagination.ts';
import { commaList, idParam, noBodyIsEmpty, numberParam } from '../../kernel/http/params.ts';
import { problems } from '../../kernel/http/problem.ts';
import { loadItem } from '../../kernel/records/commands.ts';
import { fireTypedTransition } from '../../kernel/records/routes.ts';
import { acceptCandidate, detectOnRequest, dismissCandidate, updateTrendSettings } from './candidates.ts';
import { applyKnownError, createProblem, PROBLEM, updateProblem } from './commands.ts';
import { problemStates } from './lifecycle.ts';
import { problemManagers, problemReaders, workaroundAppliers } from './policy.ts';
import {
  listCandidates,
  listKnownErrors,
  listProblems,
  presentProblem,
  suggestKnownErrors,
  trendSettingsOf,
} from './queries.ts';
import {
  acceptCandidateBody,
  appliedSchema,
  applyKnownErrorBody,
  candidateSchema,
  dismissCandidateBody,
  knownErrorQuery,
  knownErrorSchema,
  newProblemBody,
  problemPatchBody,
  problemRowSchema,
  problemSchema,
  problemTransitionBody,
  trendSettingsBody,
  trendSettingsSchema,
} from './shapes.ts';

const tags = ['problems'];
const params = numberParam('PRB-000042');
const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

async function present(db: Queryable, number: string, who: Principal) {
  const { item, def } = await loadItem(db, number, who);
  if (item.type !== PROBLEM) throw problems.notFound(`Problem ${number}`);
  return presentProblem(db, item, def, who);
}

/** Problem management (docs/problems.md): problems, known errors, trend candidates and their settings. */
export const problemRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...problemReaders);
  const managers = access.roles(...problemManagers);

  app.get(
    '/api/v1/problems',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Problems, newest first, a page at a time (everyone inside the provider reads them)',
        querystring: cursorQuery.extend({
          state: commaList(z.enum(problemStates))
            .optional()
            .describe(`Comma-separated states: ${problemStates.join(', ')}`),
          open: flag.describe(
            'true: new, under investigation or known error (still worked on); false: resolved, closed or cancelled',
          ),
          serviceId: z.uuid().optional(),
          knownError: flag.describe('true: known errors only; false: problems that are not known errors'),
          fixedBy: z
            .string()
            .trim()
            .max(60)
            .optional()
            .describe('A change number: the problems linked resolved_by it (the ones it fixes)'),
        }),
        response: { 200: z.object({ items: z.array(problemRowSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => listProblems(db, request.principal!, request.query),
  );

  app.post(
    '/api/v1/problems',
    {
      config: { access: managers },
      schema: {
        tags,
        summary: 'Record a problem, proactively or from incidents (each linked caused_by it); it starts new',
        body: newProblemBody,
        response: { 201: problemSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const item = await runAsCaller(db, request, (ctx) => createProblem(ctx, who, request.body));
      const result = await present(db, item.number, who);
      setEtag(reply, result.version);
      return reply.status(201).header('location', `/api/v1/problems/${item.number}`).send(result);
    },
  );

  app.get(
    '/api/v1/problems/:number',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One problem with its analysis, known error, incidents, fixing changes and what you may do',
        params,
        response: { 200: problemSchema },
      },
    },
    async (request, reply) => {
      const result = await present(db, request.params.number, request.principal!);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.patch(
    '/api/v1/problems/:number',
    {
      config: { access: managers },
      schema: {
        tags,
        summary: 'Change a problem’s fields and analysis (send If-Match)',
        params,
        body: problemPatchBody,
        response: { 200: problemSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateProblem(ctx, who, request.params.number, expected, request.body),
      );
      const result = await present(db, request.params.number, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.post(
    '/api/v1/problems/:number/transitions',
    {
      config: { access: managers },
      schema: {
        tags,
        summary:
          'Move a problem to another state (send If-Match); 409 when the lifecycle does not lead there',
        description:
          'known_error needs a cause and a workaround (given here or saved before; a field error for each one missing), resolved needs a resolution, cancelled a reason.',
        params,
        body: problemTransitionBody,
        response: { 200: problemSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      await fireTypedTransition(db, request, { type: PROBLEM, noun: 'Problem' });
      const result = await present(db, request.params.number, who);
      setEtag(reply, result.version);
      return result;
    },
  );

  app.get(
    '/api/v1/known-errors',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Known errors, per service if asked; with text, the suggestions for an incident (ranked, at most 5)',
        description:
          'Without text: problems in state known_error, most recently documented first, a page at a time. With text (and optionally serviceId and ciIds): the known errors whose title or workaround is like the text (pg_trgm word similarity, full-text rank in English, Dutch and Danish), plus 0.2 for the same service and 0.2 for a shared CI, best first.',
        querystring: knownErrorQuery,
        response: { 200: z.object({ items: z.array(knownErrorSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { text, serviceId, ciIds, incident, limit, cursor } = request.query;
      return text
        ? suggestKnownErrors(db, request.principal!, { text, serviceId, ciIds })
        : listKnownErrors(db, request.principal!, { serviceId, incident, limit, cursor });
    },
  );

  app.post(
    '/api/v1/incidents/:number/known-error',
    {
      config: { access: access.roles(...workaroundAppliers) },
      schema: {
        tags,
        summary:
          'Apply a known error to an incident: its workaround as a note, the incident linked caused_by the problem, optionally resolved',
        params: numberParam('INC-000042'),
        body: applyKnownErrorBody,
        response: { 200: appliedSchema },
      },
    },
    async (request) =>
      runAsCaller(db, request, (ctx) =>
        applyKnownError(ctx, request.principal!, request.params.number, request.body),
      ),
  );

  app.get(
    '/api/v1/problem-candidates',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Problem candidates trend detection proposed (open ones unless asked), newest first',
        querystring: z.object({
          state: commaList(z.enum(['open', 'accepted', 'dismissed']))
            .optional()
            .describe('Comma-separated: open, accepted, dismissed (default open)'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(candidateSchema) }) },
      },
    },
    async (request) => ({
      items: await listCandidates(db, {
        state: request.query.state?.length ? request.query.state : ['open'],
        limit: request.query.limit,
      }),
    }),
  );

  const candidateParams = idParam('problem candidate');
  const oneCandidate = async (id: string) => {
    const [c] = await listCandidates(db, { state: ['open', 'accepted', 'dismissed'], id, limit: 1 });
    if (!c) throw problems.notFound(`Problem candidate ${id}`);
    return c;
  };

  app.post(
    '/api/v1/problem-candidates/:id/accept',
    {
      config: { access: managers },
      preValidation: noBodyIsEmpty,
      schema: {
        tags,
        summary: 'Accept a candidate: a problem (origin trend) is recorded with its incidents linked',
        params: candidateParams,
        body: acceptCandidateBody,
        response: { 201: problemSchema },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const item = await runAsCaller(db, request, (ctx) =>
        acceptCandidate(ctx, who, request.params.id, request.body),
      );
      const result = await present(db, item.number, who);
      setEtag(reply, result.version);
      return reply.status(201).header('location', `/api/v1/problems/${item.number}`).send(result);
    },
  );

  app.post(
    '/api/v1/problem-candidates/:id/dismiss',
    {
      config: { access: managers },
      schema: {
        tags,
        summary: 'Dismiss a candidate with a reason: its incidents are not proposed again',
        params: candidateParams,
        body: dismissCandidateBody,
        response: { 200: candidateSchema },
      },
    },
    async (request) => {
      await runAsCaller(db, request, (ctx) =>
        dismissCandidate(ctx, request.principal!, request.params.id, request.body.reason),
      );
      return oneCandidate(request.params.id);
    },
  );

  app.post(
    '/api/v1/problem-candidates/detect',
    {
      config: { access: managers },
      schema: {
        tags,
        summary: 'Run trend detection now (it also runs every hour); answers the candidates it proposed',
        response: { 200: z.object({ items: z.array(candidateSchema) }) },
      },
    },
    async (request) => {
      const ids = await runAsCaller(db, request, (ctx) => detectOnRequest(ctx, request.principal!));
      return { items: await Promise.all(ids.map(oneCandidate)) };
    },
  );

  app.get(
    '/api/v1/problem-settings',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Trend detection’s settings: how many incidents, within how many days, how alike',
        response: { 200: trendSettingsSchema },
      },
    },
    async () => trendSettingsOf(db),
  );

  app.put(
    '/api/v1/problem-settings',
    {
      config: { access: managers },
      schema: {
        tags,
        summary: 'Change trend detection’s settings',
        body: trendSettingsBody,
        response: { 200: trendSettingsSchema },
      },
    },
    async (request) => {
      await runAsCaller(db, request, (ctx) => updateTrendSettings(ctx, request.principal!, request.body));
      return trendSettingsOf(db);
    },
  );
};
