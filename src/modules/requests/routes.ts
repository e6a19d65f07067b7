import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { roles as allRoles } from '../../kernel/access/roles.ts';
import { type Principal, runAsCaller } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { problems } from '../../kernel/http/problem.ts';
import { loadItem } from '../../kernel/records/commands.ts';
import { workItemType } from '../../kernel/records/registry.ts';
import { fireTypedTransition } from '../../kernel/records/routes.ts';
import { workItems } from '../../kernel/records/schema.ts';
import { visibleTo } from '../../kernel/records/visibility.ts';
import { catalogueFor } from '../portfolio/index.ts';
import {
  createCatalogueItem,
  fieldChoices,
  listCatalogueItems,
  localiseItem,
  orderableItems,
  presentCatalogueItem,
  updateCatalogueItem,
} from './catalogue-items.ts';
import { fieldTypes } from './form.ts';
import { requestStates } from './lifecycle.ts';
import {
  catalogueItemReaders,
  catalogueKeepers,
  requestOrderers,
  seesWholeCatalogue,
} from './policy.ts';
import { approves, presentRequest, presentTask } from './queries.ts';
import { createRequest, decideApproval, pendingApprovalsOf, REQUEST, TASK } from './requests.ts';
import { catalogueItems } from './schema.ts';

const tags = ['requests'];
const keepers = access.roles(...catalogueKeepers);
const itemReaders = access.roles(...catalogueItemReaders);
const texts = z.object({
  en: z.string().trim().min(1, { error: 'is required' }).max(500),
  nl: z.string().max(500).optional(),
  da: z.string().max(500).optional(),
});
const itemText = z.object({
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
  description: z.string().max(5000),
});
const field = z.object({
  key: z.string(),
  label: texts,
  type: z.enum(fieldTypes),
  required: z.boolean().optional(),
  help: texts.optional(),
  maxLength: z.number().int().min(1).max(10_000).optional(),
  multiline: z.boolean().optional(),
  options: z
    .array(z.object({ value: z.string().trim().min(1).max(100), label: texts }))
    .max(100)
    .optional(),
  multiple: z.boolean().optional(),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  integer: z.boolean().optional(),
  ciClass: z.string().max(60).optional(),
});
const approver = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manager') }),
  z.object({ kind: z.literal('service_owner') }),
  z.object({ kind: z.literal('role'), role: z.enum(allRoles) }),
  z.object({ kind: z.literal('person'), userId: z.uuid() }),
]);
const itemFields = {
  code: z.string().trim().min(1, { error: 'is required' }).max(60),
  serviceId: z.uuid(),
  texts: z.object({ en: itemText, nl: itemText.optional(), da: itemText.optional() }),
  form: z.array(field).max(50).optional(),
  approval: z
    .object({ mode: z.enum(['none', 'all', 'any']), approvers: z.array(approver).max(10) })
    .optional(),
  tasks: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(200),
        instructions: z.string().max(10_000).optional(),
        groupId: z.uuid().nullable().optional(),
      }),
    )
    .max(30)
    .optional(),
  customerIds: z.array(z.uuid()).max(1000).optional(),
  active: z.boolean().optional(),
  mailAddress: z.email().max(254).nullable().optional().describe('Mails to this address order the item'),
};
const numberParam = z.object({ number: z.string().min(1).max(60) });

/** A request as its reader may see it: requesters and staff through the usual rule, approvers too. */
async function readable(db: Queryable, number: string, who: Principal) {
  const [item] = await db.select().from(workItems).where(eq(workItems.number, number.toUpperCase()));
  if (!item || item.type !== REQUEST) throw problems.notFound(`Request ${number}`);
  const def = workItemType(REQUEST)!;
  if (!visibleTo(who, item) && !(await approves(db, who, item.id)))
    throw problems.notFound(`Request ${number}`);
  return presentRequest(db, item, def, who);
}

export const requestRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;

  app.get(
    '/api/v1/catalogue',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          "The customer-facing catalogue in the reader's language: the services offered to the reader's organisation, each with what can be ordered and its form",
        querystring: z.object({ language: z.enum(['en', 'nl', 'da']).optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.looseObject({ id: z.uuid(), name: z.string(), requestItems: z.array(z.unknown()) }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const who = request.principal!;
      const language = request.query.language ?? who.language;
      const services = await catalogueFor(db, who, who.customerId, language);
      const items = await orderableItems(db, { customerId: who.customerId, staff: seesWholeCatalogue(who) });
      return {
        items: services.map((s) => ({
          ...s,
          requestItems: items.filter((i) => i.serviceId === s.id).map((i) => localiseItem(i, language)),
        })),
      };
    },
  );

  app.get(
    '/api/v1/catalogue-items/:id/fields/:key/choices',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          "Whom or what a person or CI field may name when you order the item: people of your organisation, CIs of the field's class",
        params: z.object({ id: z.uuid(), key: z.string().min(1).max(60) }),
        querystring: z.object({ q: z.string().max(100).default('') }),
        response: { 200: z.object({ items: z.array(z.object({ value: z.string(), label: z.string() })) }) },
      },
    },
    async (request) => {
      const who = request.principal!;
      return {
        items: await fieldChoices(
          db,
          { customerId: who.customerId, staff: seesWholeCatalogue(who) },
          request.params.id,
          request.params.key,
          request.query.q,
        ),
      };
    },
  );

  app.get(
    '/api/v1/catalogue-items',
    {
      config: { access: itemReaders },
      schema: {
        tags,
        summary: 'Request offerings with their forms, approvals and task templates',
        querystring: z.object({ serviceId: z.uuid().optional() }),
      },
    },
    async (request) => ({ items: await listCatalogueItems(db, request.query.serviceId) }),
  );

  app.post(
    '/api/v1/catalogue-items',
    {
      config: { access: keepers },
      schema: { tags, summary: 'Offer something to order under a service', body: z.object(itemFields) },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => createCatalogueItem(ctx, request.body));
      setEtag(reply, row.version);
      return reply.status(201).send(presentCatalogueItem(row));
    },
  );

  app.get(
    '/api/v1/catalogue-items/:id',
    {
      config: { access: itemReaders },
      schema: { tags, summary: 'One request offering', params: z.object({ id: z.uuid() }) },
    },
    async (request, reply) => {
      const [row] = await db.select().from(catalogueItems).where(eq(catalogueItems.id, request.params.id));
      if (!row) throw problems.notFound(`Catalogue item ${request.params.id}`);
      setEtag(reply, row.version);
      return presentCatalogueItem(row);
    },
  );

  app.patch(
    '/api/v1/catalogue-items/:id',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Change a request offering (send If-Match)',
        params: z.object({ id: z.uuid() }),
        body: z.object(itemFields).partial(),
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        updateCatalogueItem(ctx, request.params.id, expected, request.body),
      );
      setEtag(reply, row.version);
      return presentCatalogueItem(row);
    },
  );

  app.post(
    '/api/v1/requests',
    {
      config: { access: access.roles(...requestOrderers) },
      schema: {
        tags,
        summary: 'Order a catalogue item with the answers to its form; 201 with the request number',
        body: z.object({
          catalogueItemId: z.uuid(),
          answers: z.record(z.string(), z.unknown()).default({}),
          requesterId: z.uuid().optional(),
          note: z.string().max(20_000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      const item = await runAsCaller(db, request, (ctx) => createRequest(ctx, who, request.body));
      const shown = await readable(db, item.number, who);
      setEtag(reply, shown.version);
      return reply.status(201).send(shown);
    },
  );

  app.get(
    '/api/v1/requests/:number',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'One request with its answers, approvals, tasks and fulfilment clock',
        params: numberParam,
      },
    },
    async (request, reply) => {
      const shown = await readable(db, request.params.number, request.principal!);
      setEtag(reply, shown.version);
      return shown;
    },
  );

  app.post(
    '/api/v1/requests/:number/transitions',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          'Close (confirm), refuse a fulfilment, cancel, or fulfil a request without tasks (send If-Match)',
        params: numberParam,
        body: z.object({ to: z.enum(requestStates), reason: z.string().max(2000).optional() }),
      },
    },
    async (request, reply) => {
      const who = request.principal!;
      await fireTypedTransition(db, request, { type: REQUEST, noun: 'Request' });
      const shown = await readable(db, request.params.number, who);
      setEtag(reply, shown.version);
      return shown;
    },
  );

  app.post(
    '/api/v1/requests/:number/approvals/:id',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary: 'Approve or reject (with a reason) an approval that falls to you',
        params: numberParam.extend({ id: z.coerce.number().int().positive() }),
        body: z.object({
          decision: z.enum(['approved', 'rejected']),
          comment: z.string().max(2000).optional(),
        }),
      },
    },
    async (request) => {
      const who = request.principal!;
      await runAsCaller(db, request, (ctx) =>
        decideApproval(ctx, who, request.params.number, request.params.id, request.body),
      );
      return readable(db, request.params.number, who);
    },
  );

  app.get(
    '/api/v1/tasks/:number',
    {
      config: { access: access.signedIn() },
      schema: { tags, summary: 'One fulfilment task with its request and instructions', params: numberParam },
    },
    async (request, reply) => {
      const { item, def } = await loadItem(db, request.params.number, request.principal!);
      if (item.type !== TASK) throw problems.notFound(`Task ${request.params.number}`);
      setEtag(reply, item.version);
      return presentTask(db, item, def, request.principal!);
    },
  );

  app.get(
    '/api/v1/approvals',
    {
      config: { access: access.signedIn() },
      schema: { tags, summary: 'The approvals waiting for you: yours by name or by a role you hold' },
    },
    async (request) => ({ items: await pendingApprovalsOf(db, request.principal!) }),
  );
};
