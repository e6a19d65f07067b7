import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { cursorPageOf } from '../../../kernel/http/pagination.ts';
import { idParam } from '../../../kernel/http/params.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { createCi, linkHistoryToChange, updateCi } from '../commands/cis.ts';
import { cmdbEditors, cmdbReaders } from '../policy.ts';
import { ciHistory, getCi, impactOf, listCis, relationshipsOf } from '../queries.ts';
import {
  changeLinkBody,
  ciBody,
  ciHistoryShape,
  ciListQuery,
  ciPatch,
  ciRelationshipShape,
  ciShape,
  impactDirections,
  impactShape,
} from '../shapes.ts';

const tags = ['configuration management'];
const id = idParam('CI');

/** Configuration items: the list, one CI, its relationships, its history and its impact. */
export const ciRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const readers = access.roles(...cmdbReaders);
  const editors = access.roles(...cmdbEditors);
  const existing = async (ciId: string) => {
    const ci = await getCi(db, ciId);
    if (!ci) throw problems.notFound(`CI ${ciId}`);
    return ci;
  };

  app.get(
    '/api/v1/cis',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'CIs: filter by class, status, text, owner, location; sorted; cursor-paged',
        querystring: ciListQuery,
        response: { 200: cursorPageOf(ciShape) },
      },
    },
    async (request) => {
      const { class: classKey, ...rest } = request.query;
      return listCis(db, { ...rest, classKey });
    },
  );

  app.post(
    '/api/v1/cis',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Create a CI; attributes are checked against its class',
        body: ciBody,
        response: { 201: ciShape },
      },
    },
    async (request, reply) => {
      const ci = await runAsCaller(db, request, async (ctx) =>
        getCi(ctx.tx, (await createCi(ctx, request.body)).id),
      );
      setEtag(reply, ci!.version);
      return reply.status(201).send(ci!);
    },
  );

  app.get(
    '/api/v1/cis/:id',
    {
      config: { access: readers },
      schema: { tags, summary: 'One CI', params: id, response: { 200: ciShape } },
    },
    async (request, reply) => {
      const ci = await existing(request.params.id);
      setEtag(reply, ci.version);
      return ci;
    },
  );

  app.patch(
    '/api/v1/cis/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Change a CI (send If-Match); attributes named are set, null clears one',
        params: id,
        body: ciPatch,
        response: { 200: ciShape },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const ci = await runAsCaller(db, request, async (ctx) => {
        await updateCi(ctx, request.params.id, expected, request.body);
        return getCi(ctx.tx, request.params.id);
      });
      setEtag(reply, ci!.version);
      return ci!;
    },
  );

  app.get(
    '/api/v1/cis/:id/relationships',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: "A CI's relationships both ways, labelled from its side",
        params: id,
        response: { 200: z.object({ items: z.array(ciRelationshipShape) }) },
      },
    },
    async (request) => {
      await existing(request.params.id);
      return { items: await relationshipsOf(db, request.params.id) };
    },
  );

  app.get(
    '/api/v1/cis/:id/history',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: 'Every change to the CI, its attributes and relationships, newest first',
        params: id,
        response: { 200: ciHistoryShape },
      },
    },
    async (request) => {
      await existing(request.params.id);
      return { items: await ciHistory(db, request.params.id) };
    },
  );

  app.post(
    '/api/v1/cis/:id/history/change-link',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Link history entries of a CI to the change record they belong to (a work-item number)',
        params: id,
        body: changeLinkBody,
        response: { 200: z.object({ changeRef: z.string(), linked: z.number().int() }) },
      },
    },
    async (request) => {
      await existing(request.params.id);
      const number = await runAsCaller(db, request, (ctx) =>
        linkHistoryToChange(ctx, request.params.id, request.body.entryIds, request.body.changeRef),
      );
      return { changeRef: number, linked: new Set(request.body.entryIds).size };
    },
  );

  app.get(
    '/api/v1/cis/:id/impact',
    {
      config: { access: readers },
      schema: {
        tags,
        summary:
          'Impact: upstream, what fails with this CI (up to services and their customers); downstream, what it stands on',
        params: id,
        querystring: z.object({ direction: z.enum(impactDirections).default('upstream') }),
        response: { 200: impactShape },
      },
    },
    async (request) => {
      const ci = await existing(request.params.id);
      const result = await impactOf(db, ci.id, request.query.direction);
      return {
        ci: { id: ci.id, name: ci.name, classKey: ci.classKey },
        direction: request.query.direction,
        ...result,
      };
    },
  );
};
