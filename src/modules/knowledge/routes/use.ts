import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { type Principal, runAsCaller } from '../../../kernel/auth/principal.ts';
import { addDays, dayOf } from '../../../kernel/days.ts';
import { setEtag } from '../../../kernel/http/etag.ts';
import { noBodyIsEmpty, numberParam } from '../../../kernel/http/params.ts';
import { Problem, problems } from '../../../kernel/http/problem.ts';
import { loadItem } from '../../../kernel/records/commands.ts';
import { workItemRef } from '../../../kernel/records/shapes.ts';
import {
  countView,
  draftFromIncident,
  giveFeedback,
  linkArticle,
  recordDeflection,
  unlinkArticle,
} from '../commands/use.ts';
import { articleInsiders, articleLinkers, articleWriters } from '../policy.ts';
import { presentArticle, requesterFacts } from '../queries/articles.ts';
import { suggestArticles } from '../queries/search.ts';
import { deflectionStats, listLinkedArticles } from '../queries/use.ts';
import {
  articleParams,
  articleRef,
  articleShape,
  deflectionBody,
  deflectionShape,
  deflectionStatsShape,
  draftFromIncidentBody,
  feedbackBody,
  feedbackShape,
  linkBody,
  linkListShape,
  linkShape,
  periodQuery,
  suggestionShape,
  suggestionsQuery,
  viewsShape,
} from '../shapes.ts';

const tags = ['knowledge'];

/** Using knowledge (docs/knowledge.md): suggestions, deflections, feedback, views, links to work items, drafts from resolutions. */
export const knowledgeUseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const writers = access.roles(...articleWriters);
  const show = async (who: Principal, ref: string, reply: FastifyReply) => {
    const a = await presentArticle(db, who, ref);
    setEtag(reply, a.version);
    return a;
  };

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
