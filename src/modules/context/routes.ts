import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { idParam } from '../../kernel/http/params.ts';
import { saveIssue, saveParty, saveScope } from './commands.ts';
import { contextKeepers, contextReaders } from './policy.ts';
import { presentContext, presentScope, scopeVersion } from './queries.ts';
import {
  contextShape,
  issueBody,
  issuePatch,
  issueShape,
  partyBody,
  partyPatch,
  partyShape,
  scopeBody,
  scopeShape,
  scopeVersionShape,
} from './shapes.ts';

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
        response: { 200: contextShape },
      },
    },
    () => presentContext(db),
  );

  app.post(
    '/api/v1/context/issues',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Record an internal or external issue',
        body: issueBody,
        response: { 201: issueShape },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => saveIssue(ctx, request.body));
      reply.status(201);
      setEtag(reply, row.version);
      return row;
    },
  );

  app.patch(
    '/api/v1/context/issues/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Change an internal or external issue (send If-Match)',
        params: idParam('issue'),
        body: issuePatch,
        response: { 200: issueShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        saveIssue(ctx, request.body, request.params.id, expected),
      );
      setEtag(reply, row.version);
      return row;
    },
  );

  app.post(
    '/api/v1/context/parties',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Record an interested party with its requirements',
        body: partyBody,
        response: { 201: partyShape },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => saveParty(ctx, request.body));
      reply.status(201);
      setEtag(reply, row.version);
      return row;
    },
  );

  app.patch(
    '/api/v1/context/parties/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Change an interested party with its requirements (send If-Match)',
        params: idParam('party'),
        body: partyPatch,
        response: { 200: partyShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        saveParty(ctx, request.body, request.params.id, expected),
      );
      setEtag(reply, row.version);
      return row;
    },
  );

  app.get(
    '/api/v1/scope',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'The scope of the SMS in force (services, units, locations, exclusions, climate decision), its versions, and warnings: live services outside it, retired services in it',
        response: { 200: scopeShape },
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
        response: { 201: scopeShape },
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
        response: { 200: scopeVersionShape },
      },
    },
    (request) => scopeVersion(db, request.params.number),
  );
};
