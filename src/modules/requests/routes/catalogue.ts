import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../../kernel/access/policy.ts';
import { roles as allRoles } from '../../../kernel/access/roles.ts';
import { runAsCaller } from '../../../kernel/auth/principal.ts';
import { expectedVersion, setEtag } from '../../../kernel/http/etag.ts';
import { idParam } from '../../../kernel/http/params.ts';
import { createCatalogueItem, updateCatalogueItem } from '../commands/catalogue-items.ts';
import { fieldTypes } from '../form.ts';
import { catalogueItemReaders, catalogueKeepers, seesWholeCatalogue } from '../policy.ts';
import {
  catalogueItem,
  catalogueOf,
  fieldChoices,
  listCatalogueItems,
  presentCatalogueItem,
} from '../queries/catalogue.ts';

const tags = ['requests'];
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
/** Texts as stored and answered: English always, Dutch and Danish where given. */
const textsShape = z.object({ en: z.string(), nl: z.string().optional(), da: z.string().optional() });
const itemTextShape = z.object({ name: z.string(), description: z.string() });
/** A form field as its item declares it (form.ts FormField), labels in every language. */
const fieldShape = z.object({
  key: z.string(),
  label: textsShape,
  type: z.enum(fieldTypes),
  required: z.boolean().optional(),
  help: textsShape.optional(),
  maxLength: z.number().optional(),
  multiline: z.boolean().optional(),
  options: z.array(z.object({ value: z.string(), label: textsShape })).optional(),
  multiple: z.boolean().optional(),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  integer: z.boolean().optional(),
  ciClass: z.string().optional(),
});
const approverShape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manager') }),
  z.object({ kind: z.literal('service_owner') }),
  z.object({ kind: z.literal('role'), role: z.string() }),
  z.object({ kind: z.literal('person'), userId: z.uuid() }),
]);

/** A request offering as its keepers define it: texts, form, approval, task templates, customers. */
export const catalogueItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  serviceId: z.uuid(),
  texts: z.object({ en: itemTextShape, nl: itemTextShape.optional(), da: itemTextShape.optional() }),
  form: z.array(fieldShape),
  approval: z.object({ mode: z.enum(['none', 'all', 'any']), approvers: z.array(approverShape) }),
  tasks: z.array(
    z.object({
      title: z.string(),
      instructions: z.string().optional(),
      groupId: z.uuid().nullable().optional(),
    }),
  ),
  customerIds: z.array(z.uuid()),
  active: z.boolean(),
  mailAddress: z.string().nullable(),
  version: z.number().int(),
});

/** A form field as the catalogue shows it to the orderer: labels, help and options in their language. */
const orderFieldShape = fieldShape.extend({
  label: z.string(),
  help: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});
/** What the reader may order under a service, in their language. */
export const orderableItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  needsApproval: z.boolean(),
  form: z.array(orderFieldShape),
});
/** A service of the customer-facing catalogue with what can be ordered under it. */
export const catalogueServiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  hoursOfService: z.string(),
  status: z.string(),
  language: z.string().describe('The language of the service texts: the reader’s, or English when missing'),
  requestItems: z.array(orderableItemSchema),
});
const choiceSchema = z.object({ value: z.string(), label: z.string() });

export type CatalogueItemView = z.infer<typeof catalogueItemSchema>;
export type OrderableItem = z.infer<typeof orderableItemSchema>;
export type OrderField = z.infer<typeof orderFieldShape>;
export type CatalogueService = z.infer<typeof catalogueServiceSchema>;
export type FieldChoice = z.infer<typeof choiceSchema>;

export const newCatalogueItemBody = z.object(itemFields);
export const catalogueItemPatchBody = z.object(itemFields).partial();
export type NewCatalogueItem = z.infer<typeof newCatalogueItemBody>;
export type CatalogueItemPatch = z.infer<typeof catalogueItemPatchBody>;

/** The catalogue customers order from, and the request offerings its keepers define (docs/requests.md). */
export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  const keepers = access.roles(...catalogueKeepers);
  const itemReaders = access.roles(...catalogueItemReaders);
  const itemParams = idParam('catalogue item');

  app.get(
    '/api/v1/catalogue',
    {
      config: { access: access.signedIn() },
      schema: {
        tags,
        summary:
          "The customer-facing catalogue in the reader's language: the services offered to the reader's organisation, each with what can be ordered and its form",
        querystring: z.object({ language: z.enum(['en', 'nl', 'da']).optional() }),
        response: { 200: z.object({ items: z.array(catalogueServiceSchema) }) },
      },
    },
    async (request) => {
      const who = request.principal!;
      return { items: await catalogueOf(db, who, request.query.language ?? who.language) };
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
        params: itemParams.extend({ key: z.string().min(1).max(60) }),
        querystring: z.object({ q: z.string().max(100).default('') }),
        response: { 200: z.object({ items: z.array(choiceSchema) }) },
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
        response: { 200: z.object({ items: z.array(catalogueItemSchema) }) },
      },
    },
    async (request) => ({ items: await listCatalogueItems(db, request.query.serviceId) }),
  );

  app.post(
    '/api/v1/catalogue-items',
    {
      config: { access: keepers },
      schema: {
        tags,
        summary: 'Offer something to order under a service',
        body: newCatalogueItemBody,
        response: { 201: catalogueItemSchema },
      },
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
      schema: {
        tags,
        summary: 'One request offering',
        params: itemParams,
        response: { 200: catalogueItemSchema },
      },
    },
    async (request, reply) => {
      const row = await catalogueItem(db, request.params.id);
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
        params: itemParams,
        body: catalogueItemPatchBody,
        response: { 200: catalogueItemSchema },
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
};
