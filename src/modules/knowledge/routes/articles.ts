import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { access } from '../../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { noBodyIsEmpty } from '../../../kernel/http/params.ts';
import { createArticle, updateArticle } from '../commands/articles.ts';
import { retireArticle, transitionVersion } from '../commands/versions.ts';
import { articleApprovers, articleWriters } from '../policy.ts';
import { articleFor, listVersions, presentArticle } from '../queries/articles.ts';
import { listArticles } from '../queries/search.ts';
import {
  articleBody,
  articleListShape,
  articleParams,
  articlePatch,
  articleShape,
  listQuery,
  retireBody,
  transitionBody,
  versionParams,
  versionShape,
  versionsShape,
} from '../shapes.ts';

const tags = ['knowledge'];

/** Articles (docs/knowledge.md): the list and search, one article, writing it, its versions and their review, retiring. */
export const articleRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const writers = access.roles(...articleWriters);
  const approvers = access.roles(...articleApprovers);
  const show = async (who: Principal, ref: string, reply: FastifyReply) => {
    const a = await presentArticle(db, who, ref);
    setEtag(reply, a.version);
    return a;
  };

  app.get(
    '/api/v1/articles',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'Articles you may read, newest first; with q, ranked by full-text search (your language first). Staff see drafts too',
        querystring: listQuery,
        response: { 200: articleListShape },
      },
    },
    (request) => listArticles(db, request.principal!, request.query),
  );

  app.post(
    '/api/v1/articles',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: 'Write an article: its first version starts as a draft',
        body: articleBody,
        response: { 201: articleShape },
      },
    },
    async (request, reply) => {
      const a = await runAsCaller(db, request, (ctx) => createArticle(ctx, request.principal!, request.body));
      reply.status(201).header('location', `/api/v1/articles/${a.number}`);
      return show(request.principal!, a.id, reply);
    },
  );

  app.get(
    '/api/v1/articles/:id',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'One article (by id or KB number): the published version; staff also the draft being worked on',
        params: articleParams,
        response: { 200: articleShape },
      },
    },
    (request, reply) => show(request.principal!, request.params.id, reply),
  );

  app.patch(
    '/api/v1/articles/:id',
    {
      config: { access: writers },
      schema: {
        tags,
        summary:
          "Change an article's fields and/or its draft's text (send If-Match); text for a published article starts a new draft",
        params: articleParams,
        body: articlePatch,
        response: { 200: articleShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        updateArticle(ctx, request.principal!, request.params.id, expected, request.body),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );

  app.get(
    '/api/v1/articles/:id/versions',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Versions with their text (for a diff): staff every one, other readers the published one',
        params: articleParams,
        response: { 200: versionsShape },
      },
    },
    (request) => listVersions(db, request.principal!, request.params.id),
  );

  app.post(
    '/api/v1/articles/:id/versions/:n/transitions',
    {
      config: { access: writers },
      schema: {
        tags,
        summary:
          "Submit a draft for review, approve it (publishes it; never your own) or return it with a note (send If-Match: the article's ETag)",
        params: versionParams,
        body: transitionBody,
        response: { 200: versionShape },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        transitionVersion(ctx, who, request.params.id, request.params.n, request.body, expected),
      );
      const { items } = await listVersions(db, who, request.params.id);
      setEtag(reply, (await articleFor(db, who, request.params.id)).version);
      return items.find((v) => v.number === request.params.n)!;
    },
  );

  app.post(
    '/api/v1/articles/:id/retire',
    {
      config: { access: approvers },
      schema: {
        tags,
        summary: 'Withdraw a published article from its readers (approving a new version publishes it again)',
        params: articleParams,
        body: retireBody,
        response: { 200: articleShape },
      },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        retireArticle(ctx, request.principal!, request.params.id, request.body.reason),
      );
      return show(request.principal!, request.params.id, reply);
    },
  );
};
