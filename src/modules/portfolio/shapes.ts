import { z } from 'zod';
import { cursorQuery } from '../../kernel/http/pagination.ts';
import { commaList } from '../../kernel/http/params.ts';
import { serviceStatuses } from '../cmdb/index.ts';

/**
 * The portfolio's API shapes, declared once: the routes validate and answer with them, the commands take
 * their inferred inputs, and the web app imports the inferred answers (through index.ts) as types.
 */

export const serviceKinds = ['business', 'technical'] as const;

const text = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).default(''),
});
/** The catalogue text of a service in each language; English required, others fall back to it. */
export const catalogueText = z.object({ en: text, nl: text.optional(), da: text.optional() });
export type CatalogueText = z.infer<typeof catalogueText>;

const fields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(300),
  status: z.enum(serviceStatuses).optional(),
  ownerId: z.uuid().nullable().optional(),
  criticality: z
    .number()
    .int()
    .min(1, { error: 'must be 1 (highest) to 4' })
    .max(4, { error: 'must be 1 (highest) to 4' })
    .optional(),
  requirements: z.string().max(20_000).optional(),
  hoursOfService: z.string().max(2000).optional(),
  customerIds: z.array(z.uuid()).max(1000).optional(),
  published: z.boolean().optional(),
  catalogue: catalogueText.nullable().optional(),
  description: z.string().max(20_000).optional(),
};

export const serviceBody = z.object({
  ...fields,
  kind: z.enum(serviceKinds).optional().describe('business (when not given) or technical'),
});
export type ServiceInput = z.infer<typeof serviceBody>;

/** A service's kind is fixed once added: its CI's class follows it. */
export const servicePatch = z.strictObject({ ...fields, name: fields.name.optional() });
export type ServicePatch = z.infer<typeof servicePatch>;

export const serviceShape = z.object({
  id: z.uuid(),
  ciId: z.uuid(),
  name: z.string(),
  description: z.string(),
  kind: z.string(),
  status: z.string(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  criticality: z.number().int(),
  requirements: z.string(),
  hoursOfService: z.string(),
  published: z.boolean(),
  catalogue: catalogueText.nullable(),
  customers: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ServiceView = z.infer<typeof serviceShape>;

export const serviceListQuery = cursorQuery.extend({
  status: commaList(z.enum(serviceStatuses)).optional(),
  kind: z.enum(serviceKinds).optional(),
  q: z.string().trim().max(200).optional(),
  customerId: z.uuid().optional(),
});
export type ServiceFilter = z.infer<typeof serviceListQuery>;

const component = z.object({
  id: z.uuid(),
  name: z.string(),
  classKey: z.string(),
  status: z.string(),
  depth: z.number().int(),
});
/** What a service stands on: its components, and the supporting services among them. */
export const technicalViewShape = z.object({
  components: z.array(component),
  supportingServices: z.array(component.extend({ serviceId: z.uuid() })),
});
export type TechnicalView = z.infer<typeof technicalViewShape>;
