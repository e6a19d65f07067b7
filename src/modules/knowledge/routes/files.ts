import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { fileAnswer, multipartFile } from '../../../kernel/http/params.ts';
import { receiveFile } from '../../../kernel/http/upload.ts';
import { attachToArticle, removeArticleAttachment } from '../commands/files.ts';
import { articleWriters } from '../policy.ts';
import {
  articleAttachmentContent,
  listArticleAttachments,
  presentArticleAttachment,
} from '../queries/use.ts';
import { articleParams, attachmentListShape, attachmentParams, attachmentShape } from '../shapes.ts';

const tags = ['knowledge'];

/** An article's files (docs/knowledge.md): listing, uploading, downloading and removing them. */
export const articleFileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.keel;
  const writers = access.roles(...articleWriters);

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
};
