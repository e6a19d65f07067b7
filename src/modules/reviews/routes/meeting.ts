import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { internalRoles } from '../../../kernel/access/roles.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { idParam } from '../../../kernel/http/params.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { addDecision, addReviewAction, setAttendees, setReviewActionDone } from '../commands/meeting.ts';
import { setSchedule } from '../commands/schedule.ts';
import { reviewActionTickers, reviewHolders, reviewReaders, scheduleKeepers } from '../policy.ts';
import { listReviewActions, presentReview, presentSchedule } from '../queries.ts';
import {
  actionBody,
  actionListQuery,
  actionPatch,
  attendeesBody,
  decisionBody,
  reviewActionListShape,
  reviewActionShape,
  reviewShape,
  scheduleBody,
  scheduleShape,
} from '../shapes.ts';

const tags = ['management reviews'];
const id = idParam('management review');

/** What top management records of a review's meeting, its actions across reviews, and the review schedule. */
export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const holders = access.roles(...reviewHolders);

  app.put(
    '/api/v1/management-reviews/:id/attendees',
    {
      config: { access: holders },
      schema: {
        tags,
        summary:
          'Top management sets who is invited and, once the review is held, who attended (replaces the list; send If-Match)',
        params: id,
        body: attendeesBody,
        response: { 200: reviewShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      await runAsCaller(db, request, (ctx) =>
        setAttendees(ctx, request.principal!, request.params.id, expected, request.body),
      );
      const r = await presentReview(db, request.principal!, request.params.id);
      setEtag(reply, r.version);
      return r;
    },
  );

  app.post(
    '/api/v1/management-reviews/:id/decisions',
    {
      config: { access: holders },
      schema: {
        tags,
        summary: 'Top management records a decision of the held review',
        params: id,
        body: decisionBody,
        response: { 201: reviewShape },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        addDecision(ctx, request.principal!, request.params.id, request.body),
      );
      const r = await presentReview(db, request.principal!, request.params.id);
      setEtag(reply, r.version);
      return reply.status(201).send(r);
    },
  );

  app.post(
    '/api/v1/management-reviews/:id/actions',
    {
      config: { access: holders },
      schema: {
        tags,
        summary: 'Top management records an action of the held review, with who answers for it and when',
        params: id,
        body: actionBody,
        response: { 201: reviewShape },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        addReviewAction(ctx, request.principal!, request.params.id, request.body),
      );
      const r = await presentReview(db, request.principal!, request.params.id);
      setEtag(reply, r.version);
      return reply.status(201).send(r);
    },
  );

  app.patch(
    '/api/v1/management-reviews/:id/actions/:actionId',
    {
      config: { access: access.roles(...reviewActionTickers) },
      schema: {
        tags,
        summary:
          'Tick a review action off with a note, or open it again (its responsible person, top management, a process owner)',
        params: z.object({
          id: z.uuid({ error: 'must be a management review id (UUID)' }),
          actionId: z.uuid({ error: 'must be an action id (UUID)' }),
        }),
        body: actionPatch,
        response: { 200: reviewActionShape },
      },
    },
    async (request) => {
      const { id: reviewId, actionId } = request.params;
      await runAsCaller(db, request, (ctx) =>
        setReviewActionDone(ctx, request.principal!, reviewId, actionId, request.body),
      );
      // the responsible person may not read the review itself: answer with the action alone
      const page = await listReviewActions(db, request.principal!, { limit: 200, offset: 0, actionId });
      const action = page.items[0];
      if (!action) throw problems.notFound(`Action ${actionId}`);
      return action;
    },
  );

  app.get(
    '/api/v1/review-actions',
    {
      config: { access: access.roles(...internalRoles) },
      schema: {
        tags,
        summary:
          'Actions of management reviews, earliest due first (open=true: the open ones); those who do not read reviews see their own',
        querystring: actionListQuery,
        response: { 200: reviewActionListShape },
      },
    },
    (request) =>
      listReviewActions(db, request.principal!, {
        ...request.query,
        open: request.query.open === undefined ? undefined : request.query.open === 'true',
      }),
  );

  app.get(
    '/api/v1/management-review-schedule',
    {
      config: { access: access.roles(...reviewReaders) },
      schema: {
        tags,
        summary: 'How often reviews are held, when they are reminded of, and whether the next one is due',
        response: { 200: scheduleShape },
      },
    },
    async (_request, reply) => {
      const s = await presentSchedule(db);
      setEtag(reply, s.version);
      return s;
    },
  );

  app.put(
    '/api/v1/management-review-schedule',
    {
      config: { access: access.roles(...scheduleKeepers) },
      schema: {
        tags,
        summary:
          'Set how often reviews are held and how many days before one its chair and preparer are reminded (send If-Match; "0" before any is set)',
        body: scheduleBody,
        response: { 200: scheduleShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const s = await runAsCaller(db, request, (ctx) =>
        setSchedule(ctx, request.principal!, expected, request.body),
      );
      setEtag(reply, s.version);
      return s;
    },
  );
};
