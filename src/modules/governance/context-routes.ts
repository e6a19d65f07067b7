import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { internalRoles, staffRoles } from '../../kernel/access/roles.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { roleKeepers } from '../roles/index.ts';
import { completeTask, createEntry, listCommunication, updateEntry } from './communication.ts';
import { presentContext, presentScope, saveIssue, saveParty, saveScope, scopeVersion } from './context.ts';
import { policyWriters } from './policy.ts';

const tags = ['governance'];
const idParam = z.object({ id: z.uuid() });
const required = (max: number) => z.string().trim().min(1, { error: 'is required' }).max(max);
const text = z.string().max(4000).optional();
const issueFields = {
  kind: z.enum(['internal', 'external']),
  title: required(200),
  description: text,
  effect: text,
  climateRelated: z.boolean().optional(),
  status: z.enum(['open', 'closed']).optional(),
};
const partyFields = {
  name: required(200),
  kind: z.enum(['customer', 'user', 'supplier', 'regulator', 'staff', 'owner', 'other']),
  requirements: text,
  howAddressed: text,
};
const entryFields = {
  subject: required(200),
  audience: required(200),
  channel: required(120),
  frequency: z.enum(['once', 'monthly', 'quarterly', 'yearly']),
  responsibleId: z.uuid(),
  firstDue: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
  active: z.boolean().optional(),
};

/** Context, scope and the communication plan (docs/governance.md, 4.1–4.3 and 7.4). */
export const contextRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...internalRoles);
  const keepers = access.roles(...roleKeepers);
  const writers = access.roles(...policyWriters);

  app.get(
    '/api/v1/context',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Internal and external issues, interested parties and their requirements, and the climate decision',
      },
    },
    () => presentContext(db),
  );

  const registers = [
    {
      path: '/api/v1/context/issues',
      fields: issueFields,
      save: saveIssue,
      what: 'an internal or external issue',
    },
    {
      path: '/api/v1/context/parties',
      fields: partyFields,
      save: saveParty,
      what: 'an interested party with its requirements',
    },
  ] as const;
  for (const r of registers) {
    // each register's body is checked by its route's own schema before it reaches its save
    const save = r.save as (
      ctx: CommandContext,
      input: never,
      id?: string,
      expected?: number,
    ) => Promise<{ version: number }>;
    app.post(
      r.path,
      {
        config: { access: writers },
        schema: { tags, summary: `Record ${r.what}`, body: z.object(r.fields) },
      },
      async (request, reply) => {
        const row = await runAsCaller(db, request, (ctx) => save(ctx, request.body as never));
        reply.status(201);
        setEtag(reply, row.version);
        return row;
      },
    );
    app.patch(
      `${r.path}/:id`,
      {
        config: { access: writers },
        schema: {
          tags,
          summary: `Change ${r.what} (send If-Match)`,
          params: idParam,
          body: z.object(r.fields).partial(),
        },
      },
      async (request, reply) => {
        const expected = expectedVersion(request);
        const row = await runAsCaller(db, request, (ctx) =>
          save(ctx, request.body as never, request.params.id, expected),
        );
        setEtag(reply, row.version);
        return row;
      },
    );
  }

  app.get(
    '/api/v1/scope',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'The scope of the SMS in force (services, units, locations, exclusions, climate decision), its versions, and warnings: live services outside it, retired services in it',
      },
    },
    () => presentScope(db),
  );

  app.post(
    '/api/v1/scope',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Write a new version of the scope statement (versions are kept, never changed)',
        body: z.object({
          statement: z.string().max(8000),
          serviceIds: z.array(z.uuid()).max(500),
          units: z.array(z.string().max(200)).max(100).optional(),
          locations: z.array(z.string().max(200)).max(100).optional(),
          exclusions: text,
          climateRelevant: z.boolean(),
          climateReasoning: z.string().max(4000),
          reason: z.string().max(2000).optional(),
        }),
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) => saveScope(ctx, request.principal!, request.body));
      reply.status(201);
      return presentScope(db);
    },
  );

  app.get(
    '/api/v1/scope/versions/:number',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'One version of the scope, as written',
        params: z.object({ number: z.coerce.number().int().min(1) }),
      },
    },
    (request) => scopeVersion(db, request.params.number),
  );

  app.get(
    '/api/v1/communication',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'The communication plan: what, to whom, how, by whom, how often, and when next',
      },
    },
    async () => ({ items: await listCommunication(db) }),
  );

  app.post(
    '/api/v1/communication',
    {
      config: { access: keepers },
      schema: { tags, summary: 'Plan a communication', body: z.object(entryFields) },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => createEntry(ctx, request.body));
      reply.status(201);
      setEtag(reply, row.version);
      return row;
    },
  );

  app.patch(
    '/api/v1/communication/:id',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Change a planned communication, or stop it (send If-Match)',
        params: idParam,
        body: z.object(entryFields).partial(),
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        updateEntry(ctx, request.params.id, expected, request.body),
      );
      setEtag(reply, row.version);
      return row;
    },
  );

  app.post(
    '/api/v1/communication/tasks/:id/done',
    {
      config: {
        access: access.roles(...staffRoles),
      },
      schema: {
        tags,
        summary: 'Mark a dated communication done, with what was said; a recurring one is planned again',
        params: idParam,
        body: z.object({ note: z.string().max(2000).default('') }),
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        completeTask(ctx, request.principal!, request.params.id, request.body.note),
      );
      reply.status(204);
    },
  );
};
