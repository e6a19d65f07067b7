import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { idParam } from '../../kernel/http/params.ts';
import { saveIssue, saveParty, saveScope } from './commands.ts';
import { contextKeepers, contextReaders } from './policy.ts';
import { presentContext, presentScope, scopeVersion } from './queries.ts';
import { issueBody, issuePatch, partyBody, partyPatch, scopeBody } from './shapes.ts';

const tags = ['context'];

/** Context and scope (docs/governance.md, 4.1–4.3). */
export const contextRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...contextReaders);
  const writers = access.roles(...contextKeepers);

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
      body: issueBody,
      patch: issuePatch,
      save: saveIssue,
      what: 'an internal or external issue',
    },
    {
      path: '/api/v1/context/parties',
      body: partyBody,
      patch: partyPatch,
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
        schema: { tags, summary: `Record ${r.what}`, body: r.body },
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
          params: idParam(),
          body: r.patch,
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
        body: scopeBody,
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
};
