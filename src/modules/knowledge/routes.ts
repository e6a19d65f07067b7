import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import { addDays, dayOf } from '../../kernel/days.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { fileAnswer, multipartFile, noBodyIsEmpty, numberParam } from '../../kernel/http/params.ts';
import { Problem, problems } from '../../kernel/http/problem.ts';
import { receiveFile } from '../../kernel/http/upload.ts';
import { loadItem } from '../../kernel/records/commands.ts';
import { workItemRef } from '../../kernel/records/shapes.ts';
import { createArticle, updateArticle } from './commands/articles.ts';
import { attachToArticle, removeArticleAttachment } from './commands/files.ts';
import {
  countView,
  draftFromIncident,
  giveFeedback,
  linkArticle,
  recordDeflection,
  unlinkArticle,
} from './commands/use.ts';
import { retireArticle, transitionVersion } from './commands/versions.ts';
import { articleApprovers, articleInsiders, articleLinkers, articleWriters } from './policy.ts';
import { articleFor, listVersions, presentArticle, requesterFacts } from './queries/articles.ts';
import { listArticles, suggestArticles } from './queries/search.ts';
import {
  articleAttachmentContent,
  deflectionStats,
  listArticleAttachments,
  listLinkedArticles,
  presentArticleAttachment,
} from './queries/use.ts';
import {
  articleBody,
  articleListShape,
  articleParams,
  articlePatch,
  articleRef,
  articleShape,
  attachmentListShape,
  attachmentParams,
  attachmentShape,
  deflectionBody,
  deflectionShape,
  deflectionStatsShape,
  draftFromIncidentBody,
  feedbackBody,
  feedbackShape,
  linkBody,
  linkListShape,
  linkShape,
  listQuery,
  periodQuery,
  retireBody,
  suggestionShape,
  suggestionsQuery,
  transitionBody,
  versionParams,
  versionShape,
  versionsShape,
  viewsShape,
} from './shapes.ts';

const tags = ['knowledge'];

/** Knowledge (docs/knowledge.md): articles, their versions and review, search, suggestions, feedback, links. */
export const knowledgeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.keel;
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
    '/api/v1/articles/suggestions',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          "At most 5 published articles you may read that may answer what you are typing (text similarity, the service); with forItem, only those the item's requester may read too",
        querystring: suggestionsQuery,
        response: { 200: suggestionShape },
      },
    },
    async (request) => {
      const who = request.principal!;
      const { text, service, forItem } = request.query;
      if (!forItem) return suggestArticles(db, who, text, service);
      // the item must be one the caller sees; its requester's reading then narrows the suggestions
      const { item } = await loadItem(db, forItem, who).catch((e: unknown) => {
        if (e instanceof Problem && e.status === 404)
          throw problems.validation([{ field: 'forItem', message: `no work item ${forItem}` }]);
        throw e;
      });
      return suggestArticles(db, who, text, service, {
        requester: await requesterFacts(db, item.requesterId),
      });
    },
  );

  app.post(
    '/api/v1/articles/deflections',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'Record what you did after articles were suggested: gave up reporting (deflected) or reported anyway',
        body: deflectionBody,
        response: { 201: deflectionShape },
      },
    },
    async (request, reply) => {
      const d = await runAsCaller(db, request, (ctx) =>
        recordDeflection(ctx, request.principal!, request.body),
      );
      reply.status(201);
      return { id: d.id, outcome: d.outcome, at: d.at.toISOString() };
    },
  );

  app.get(
    '/api/v1/articles/deflections',
    {
      config: { access: access.roles(...articleInsiders) },
      schema: {
        tags,
        summary:
          'Suggestion sessions over a period (default: the last 30 days): how many ended without a report',
        querystring: periodQuery,
        response: { 200: deflectionStatsShape },
      },
    },
    (request) => {
      const to = request.query.to ?? dayOf(new Date());
      return deflectionStats(db, request.query.from ?? addDays(to, -29), to);
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

  app.post(
    '/api/v1/articles/:id/feedback',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Say whether the article helped (one answer per person; answering again changes it)',
        params: articleParams,
        body: feedbackBody,
        response: { 200: feedbackShape },
      },
    },
    (request) =>
      runAsCaller(db, request, (ctx) =>
        giveFeedback(ctx, request.principal!, request.params.id, request.body),
      ),
  );

  app.post(
    '/api/v1/articles/:id/views',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Count a reading of the article',
        params: articleParams,
        response: { 200: viewsShape },
      },
    },
    (request) => runAsCaller(db, request, (ctx) => countView(ctx, request.principal!, request.params.id)),
  );

  app.get(
    '/api/v1/articles/:id/attachments',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: "The article's files (metadata)",
        params: articleParams,
        response: { 200: attachmentListShape },
      },
    },
    (request) => listArticleAttachments(db, request.principal!, request.params.id),
  );

  app.post(
    '/api/v1/articles/:id/attachments',
    {
      config: { access: writers },
      schema: {
        tags,
        summary: `Attach a file (multipart/form-data, field "file"; at most ${Math.round(config.attachmentMaxBytes / 1048576)} MiB)`,
        params: articleParams,
        consumes: ['multipart/form-data'],
        body: multipartFile('The file to attach; its name and media type are kept with it'),
        response: { 201: attachmentShape },
      },
    },
    async (request, reply) => {
      const file = await receiveFile(request, config.attachmentMaxBytes);
      const f = await runAsCaller(db, request, (ctx) =>
        attachToArticle(ctx, request.principal!, request.params.id, file),
      );
      reply.status(201);
      return presentArticleAttachment(db, request.principal!, request.params.id, f.id);
    },
  );

  app.get(
    '/api/v1/articles/:id/attachments/:attachmentId',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: "Download one of an article's files (for those who may read the article)",
        params: attachmentParams,
        response: { 200: fileAnswer('its own media type', 'The attached file') },
      },
    },
    async (request, reply) => {
      const f = await articleAttachmentContent(
        db,
        request.principal!,
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .type(f.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(f.content);
    },
  );

  app.delete(
    '/api/v1/articles/:id/attachments/:attachmentId',
    {
      config: { access: writers },
      schema: {
        tags,
        summary:
          "Remove one of an article's files: one readers do not see yet (uploaded since its publication) any writer, one of the published version an approver",
        params: attachmentParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        removeArticleAttachment(ctx, request.principal!, request.params.id, request.params.attachmentId),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/work-items/:ref/articles',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'The articles linked to a work item that you may read',
        params: workItemRef,
        response: { 200: linkListShape },
      },
    },
    async (request) => {
      const { item } = await loadItem(db, request.params.ref, request.principal!);
      return listLinkedArticles(db, request.principal!, item);
    },
  );

  app.post(
    '/api/v1/work-items/:ref/articles',
    {
      config: { access: access.roles(...articleLinkers) },
      schema: {
        tags,
        summary: 'Link an article to a work item (sent: inserted into a reply to the requester)',
        params: workItemRef,
        body: linkBody,
        response: { 201: linkShape },
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const { item, article } = await runAsCaller(db, request, (ctx) =>
        linkArticle(ctx, who, request.params.ref, request.body),
      );
      const { items } = await listLinkedArticles(db, who, item);
      reply.status(201);
      return items.find((l) => l.articleId === article.id)!;
    },
  );

  app.delete(
    '/api/v1/work-items/:ref/articles/:article',
    {
      config: { access: access.roles(...articleLinkers) },
      schema: {
        tags,
        summary: 'Remove the link between a work item and an article',
        params: workItemRef.extend({ article: articleRef }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        unlinkArticle(ctx, request.principal!, request.params.ref, request.params.article),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/incidents/:number/article-draft',
    {
      config: { access: writers },
      schema: {
        tags,
        summary:
          "Propose an article from an incident's resolution: troubleshooting, for agents, linked to the incident, sent for review",
        params: numberParam(),
        body: draftFromIncidentBody,
        response: { 201: articleShape },
      },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      const a = await runAsCaller(db, request, (ctx) =>
        draftFromIncident(ctx, request.principal!, request.params.number, request.body.submit),
      );
      reply.status(201).header('location', `/api/v1/articles/${a.number}`);
      return show(request.principal!, a.id, reply);
    },
  );
};
