import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { createClass, loadClass, updateClass } from '../commands/classes.ts';
import { classEditors, cmdbReaders } from '../policy.ts';
import { ciClasses } from '../schema.ts';
import { classBody, classKeyParam, classPatch, classShape } from '../shapes.ts';

const tags = ['configuration management'];

/** CI classes: the kinds of CI and the attributes each kind holds. */
export const classRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...cmdbReaders);
  const editors = access.roles(...classEditors);

  app.get(
    '/api/v1/ci-classes',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'CI classes with their attributes',
        response: { 200: z.object({ items: z.array(classShape) }) },
      },
    },
    async () => ({ items: await db.select().from(ciClasses).orderBy(ciClasses.key) }),
  );

  app.post(
    '/api/v1/ci-classes',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Define a CI class and its attributes',
        body: classBody,
        response: { 201: classShape },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => createClass(ctx, request.body));
      setEtag(reply, row.version);
      return reply.status(201).send(row);
    },
  );

  app.get(
    '/api/v1/ci-classes/:key',
    {
      config: { access: readers },
      schema: { tags, summary: 'One CI class', params: classKeyParam, response: { 200: classShape } },
    },
    async (request, reply) => {
      const row = await loadClass(db, request.params.key);
      if (!row) throw problems.notFound(`CI class ${request.params.key}`);
      setEtag(reply, row.version);
      return row;
    },
  );

  app.patch(
    '/api/v1/ci-classes/:key',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Change a class: names, description, attributes (send If-Match)',
        params: classKeyParam,
        body: classPatch,
        response: { 200: classShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        updateClass(ctx, request.params.key, expected, request.body),
      );
      setEtag(reply, row.version);
      return row;
    },
  );
};
