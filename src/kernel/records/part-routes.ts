import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../access/policy.ts';
import { runAsCaller } from '../auth/principal.ts';
import { fileAnswer, historyOf, idParam, multipartFile } from '../http/params.ts';
import { problems } from '../http/problem.ts';
import { receiveFile } from '../http/upload.ts';
import { loadItem } from './commands.ts';
import { addAttachment, addComment, addLink, linkKinds, removeLink, setWatching } from './parts.ts';
import {
  attachmentWithContent,
  listAttachments,
  listComments,
  listHistory,
  listLinks,
  listWatchers,
} from './queries.ts';
import { rateWorkItem, ratingOf } from './rating.ts';
import {
  attachmentSchema,
  commentSchema,
  linkRowSchema,
  linkSchema,
  ratingSchema,
  workItemRef as ref,
} from './shapes.ts';

/**
 * The routes for what every work item has besides its fields (parts.ts): comments, attachments, links,
 * watchers, field history and the requester's rating. Who may do what comes from the item's type.
 */
const tags = ['work items'];
export const partRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.keel;

  app.get(
    '/api/v1/work-items/:ref/comments',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Comments; internal ones only for those who may see them',
        params: ref,
        response: { 200: z.object({ items: z.array(commentSchema) }) },
      },
    },
    async (request) => {
      const who = request.principal!;
      const { item, def } = await loadItem(db, request.params.ref, who);
      return { items: await listComments(db, item.id, def.canSeeInternal(who)) };
    },
  );

  app.post(
    '/api/v1/work-items/:ref/comments',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Add a public or internal comment (rich text is sanitised)',
        params: ref,
        body: z.object({
          body: z.string().trim().min(1, { error: 'is required' }).max(100_000),
          internal: z.boolean().default(false),
        }),
        response: { 201: commentSchema },
      },
    },
    async (request, reply) => {
      const c = await runAsCaller(db, request, (ctx) =>
        addComment(ctx, request.principal!, request.params.ref, request.body),
      );
      return reply.status(201).send({ ...c, createdAt: c.createdAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/work-items/:ref/attachments',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Attachments (metadata)',
        params: ref,
        response: { 200: z.object({ items: z.array(attachmentSchema) }) },
      },
    },
    async (request) => {
      const { item } = await loadItem(db, request.params.ref, request.principal!);
      return { items: await listAttachments(db, item.id) };
    },
  );

  app.post(
    '/api/v1/work-items/:ref/attachments',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: `Attach a file (multipart/form-data, field "file"; at most ${Math.round(config.attachmentMaxBytes / 1048576)} MiB)`,
        params: ref,
        consumes: ['multipart/form-data'],
        body: multipartFile('The file to attach; its name and media type are kept with it'),
        response: { 201: attachmentSchema },
      },
    },
    async (request, reply) => {
      const file = await receiveFile(request, config.attachmentMaxBytes);
      const a = await runAsCaller(db, request, (ctx) =>
        addAttachment(ctx, request.principal!, request.params.ref, file),
      );
      return reply.status(201).send({ ...a, createdAt: a.createdAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/attachments/:id',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Download an attachment',
        params: idParam('attachment'),
        response: { 200: fileAnswer('its own media type', 'The attached file') },
      },
    },
    async (request, reply) => {
      const a = await attachmentWithContent(db, request.params.id);
      if (!a) throw problems.notFound(`Attachment ${request.params.id}`);
      await loadItem(db, a.work_item_id, request.principal!);
      return reply
        .type(a.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(a.content);
    },
  );

  app.get(
    '/api/v1/work-items/:ref/links',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Links to other work items, both directions',
        params: ref,
        response: {
          200: z.object({
            items: z.array(linkRowSchema),
          }),
        },
      },
    },
    async (request) => {
      const { item } = await loadItem(db, request.params.ref, request.principal!);
      return {
        items: await listLinks(db, item.id, request.principal!),
      };
    },
  );

  app.post(
    '/api/v1/work-items/:ref/links',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Link to another work item',
        params: ref,
        body: z.object({ to: z.string().min(1).max(60), kind: z.enum(linkKinds) }),
        response: { 201: linkSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await runAsCaller(db, request, (ctx) =>
            addLink(ctx, request.principal!, request.params.ref, request.body),
          ),
        ),
  );

  app.delete(
    '/api/v1/work-items/:ref/links/:linkId',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Remove a link',
        params: ref.extend({ linkId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await runAsCaller(db, request, (ctx) =>
        removeLink(ctx, request.principal!, request.params.ref, request.params.linkId),
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/work-items/:ref/watchers',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Who follows this item',
        params: ref,
        response: { 200: z.object({ items: z.array(z.object({ userId: z.uuid(), name: z.string() })) }) },
      },
    },
    async (request) => {
      const { item } = await loadItem(db, request.params.ref, request.principal!);
      return { items: await listWatchers(db, item.id) };
    },
  );

  for (const [method, on] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app[method](
      '/api/v1/work-items/:ref/watchers/:userId',
      {
        config: { access: access.signedIn() },
        schema: {
          tags,
          summary: on
            ? 'Start watching (yourself, or someone else if you may change the item)'
            : 'Stop watching',
          params: ref.extend({ userId: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await runAsCaller(db, request, (ctx) =>
          setWatching(ctx, request.principal!, request.params.ref, request.params.userId, on),
        );
        return reply.status(204).send(null);
      },
    );
  }

  app.get(
    '/api/v1/work-items/:ref/rating',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: "The requester's rating of the work done, or null before they rate it",
        params: ref,
        response: { 200: z.object({ rating: ratingSchema.nullable() }) },
      },
    },
    async (request) => {
      const { item } = await loadItem(db, request.params.ref, request.principal!);
      return { rating: await ratingOf(db, item.id) };
    },
  );

  app.post(
    '/api/v1/work-items/:ref/rating',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          "The requester's rating (1–5 and a comment); rating a resolved or fulfilled item confirms and closes it",
        params: ref,
        body: z.object({
          score: z.number().int().min(1, { error: 'must be 1 to 5' }).max(5, { error: 'must be 1 to 5' }),
          comment: z.string().max(2000).optional(),
        }),
        response: { 201: ratingSchema },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) =>
        rateWorkItem(ctx, request.principal!, request.params.ref, request.body),
      );
      return reply
        .status(201)
        .send({ score: row.score, comment: row.comment, ratedAt: row.ratedAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/work-items/:ref/history',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Field history, newest first',
        params: ref,
        response: { 200: historyOf({ actorId: z.uuid().nullable() }) },
      },
    },
    async (request) => {
      const who = request.principal!;
      const { item, def } = await loadItem(db, request.params.ref, who);
      const hidden = def.canSeeInternal(who) ? [] : (def.internalFields ?? []);
      return { items: (await listHistory(db, item.id)).filter((h) => !hidden.includes(h.field)) };
    },
  );
};
