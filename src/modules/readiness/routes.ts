import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import { type Language, languages } from '../../kernel/auth/users.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { idParam, noBodyIsEmpty } from '../../kernel/http/params.ts';
import { clauseOf } from './clauses.ts';
import {
  createRequirement,
  decideApplicability,
  retireRequirement,
  reviewRequirement,
  setRule,
  updateRequirement,
} from './commands.ts';
import { evidencePackRoutes } from './pack/routes.ts';
import {
  applicabilityDeciders,
  readinessReaders,
  requirementKeepers,
  requirementWriters,
  ruleSetters,
} from './policy.ts';
import {
  clauseReadinessFor,
  listRequirements,
  listRuleSettings,
  presentRequirement,
  readinessFor,
  requirementFor,
  ruleSettingFor,
} from './queries.ts';
import {
  applicabilityBody,
  clauseParam,
  clauseReadinessShape,
  clauseRegisterShape,
  langQuery,
  ownRequirementShape,
  readinessQuery,
  readinessShape,
  requirementBody,
  requirementListQuery,
  requirementListShape,
  requirementPatch,
  retireBody,
  reviewBody,
  ruleKeyParam,
  ruleSettingBody,
  ruleSettingListShape,
  ruleSettingShape,
} from './shapes.ts';

const tags = ['readiness'];

const langOf = (who: Principal, asked: Language | undefined): Language =>
  asked ?? ((languages as readonly string[]).includes(who.language) ? (who.language as Language) : 'en');

/** The end of a calendar day (UTC): readiness "at" a day counts everything dated on it. */
const endOf = (day: string | undefined) => (day ? new Date(`${day}T23:59:59.999Z`) : new Date());

/**
 * The clause register and the readiness view (docs/check-and-act.md): clauses with their status and
 * evidence, applicability decisions, the organisation's own requirements, the evidence rules' freshness.
 */
export const readinessRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...readinessReaders);
  await app.register(evidencePackRoutes);

  app.get(
    '/api/v1/clauses',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The clause register 4.1–10.2 with each clause’s readiness, questions and evidence rules',
        querystring: readinessQuery,
        response: { 200: clauseRegisterShape },
      },
    },
    async (request) => {
      const lang = langOf(request.principal!, request.query.lang);
      const r = await readinessFor(db, { at: endOf(request.query.at), lang });
      return {
        at: r.at,
        lang,
        items: r.clauses.map((c) => {
          const clause = clauseOf(c.number)!;
          return { ...c, questions: clause.questions.map((q) => q[lang]), ruleKeys: [...clause.rules] };
        }),
      };
    },
  );

  app.get(
    '/api/v1/clauses/:number',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One clause with its readiness (its ETag is the applicability decision’s version)',
        params: clauseParam,
        querystring: langQuery,
        response: { 200: clauseReadinessShape },
      },
    },
    async (request, reply) => {
      const c = await clauseReadinessFor(db, request.params.number, {
        lang: langOf(request.principal!, request.query.lang),
      });
      setEtag(reply, c.version);
      return c;
    },
  );

  app.put(
    '/api/v1/clauses/:number/applicability',
    {
      config: { access: access.roles(...applicabilityDeciders) },
      schema: {
        tags,
        summary:
          'Mark a clause not applicable (justification required) or applicable again (If-Match; "0" first)',
        params: clauseParam,
        querystring: langQuery,
        body: applicabilityBody,
        response: { 200: clauseReadinessShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        decideApplicability(ctx, request.principal!, request.params.number, expected, request.body),
      );
      const c = await clauseReadinessFor(db, request.params.number, {
        lang: langOf(request.principal!, request.query.lang),
      });
      setEtag(reply, c.version);
      return c;
    },
  );

  app.get(
    '/api/v1/readiness',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The readiness view: one figure, the groups 4–10 and every clause with its evidence',
        querystring: readinessQuery,
        response: { 200: readinessShape },
      },
    },
    (request) =>
      readinessFor(db, { at: endOf(request.query.at), lang: langOf(request.principal!, request.query.lang) }),
  );

  app.get(
    '/api/v1/requirements',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The organisation’s own requirements in the register, by clause',
        querystring: requirementListQuery,
        response: { 200: requirementListShape },
      },
    },
    (request) => listRequirements(db, request.query),
  );

  app.post(
    '/api/v1/requirements',
    {
      config: { access: access.roles(...requirementKeepers) },
      schema: {
        tags,
        summary: 'Add an own requirement (a contract’s, a law’s) under a clause',
        body: requirementBody,
        response: { 201: ownRequirementShape },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) =>
        createRequirement(ctx, request.principal!, request.body),
      );
      const r = await requirementFor(db, row.id);
      setEtag(reply, r.version);
      reply.status(201);
      return presentRequirement(r);
    },
  );

  const showRequirement = async (id: string, reply: FastifyReply) => {
    const r = await requirementFor(db, id);
    setEtag(reply, r.version);
    return presentRequirement(r);
  };

  app.get(
    '/api/v1/requirements/:id',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One own requirement',
        params: idParam('requirement'),
        response: { 200: ownRequirementShape },
      },
    },
    (request, reply) => showRequirement(request.params.id, reply),
  );

  app.patch(
    '/api/v1/requirements/:id',
    {
      config: { access: access.roles(...requirementWriters) },
      schema: {
        tags,
        summary: 'Change an own requirement (its owner, a process owner or top management; If-Match)',
        params: idParam('requirement'),
        body: requirementPatch,
        response: { 200: ownRequirementShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateRequirement(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return showRequirement(request.params.id, reply);
    },
  );

  app.post(
    '/api/v1/requirements/:id/review',
    {
      config: { access: access.roles(...requirementWriters) },
      schema: {
        tags,
        summary:
          'Confirm an own requirement is still met as described: its review period starts again (If-Match)',
        params: idParam('requirement'),
        body: reviewBody,
        response: { 200: ownRequirementShape },
      },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        reviewRequirement(ctx, request.principal!, request.params.id, expected, request.body.note),
      );
      return showRequirement(request.params.id, reply);
    },
  );

  app.post(
    '/api/v1/requirements/:id/retire',
    {
      config: { access: access.roles(...requirementWriters) },
      schema: {
        tags,
        summary: 'Retire an own requirement that no longer binds the organisation, saying why (If-Match)',
        params: idParam('requirement'),
        body: retireBody,
        response: { 200: ownRequirementShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        retireRequirement(ctx, request.principal!, request.params.id, expected, request.body.reason),
      );
      return showRequirement(request.params.id, reply);
    },
  );

  app.get(
    '/api/v1/evidence-rules',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The evidence rules with Keel’s default freshness and the organisation’s own',
        querystring: langQuery,
        response: { 200: ruleSettingListShape },
      },
    },
    async (request) => ({
      items: await listRuleSettings(db, langOf(request.principal!, request.query.lang)),
    }),
  );

  app.put(
    '/api/v1/evidence-rules/:key',
    {
      config: { access: access.roles(...ruleSetters) },
      schema: {
        tags,
        summary:
          'Set how old a rule’s newest evidence may be and how much there must be (If-Match; "0" first)',
        params: ruleKeyParam,
        querystring: langQuery,
        body: ruleSettingBody,
        response: { 200: ruleSettingShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        setRule(ctx, request.principal!, request.params.key, expected, request.body),
      );
      const s = await ruleSettingFor(db, request.params.key, langOf(request.principal!, request.query.lang));
      setEtag(reply, s.version);
      return s;
    },
  );
};
