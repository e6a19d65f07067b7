import { z } from 'zod';
import { issueKinds, issueStatuses, partyKinds } from './lifecycle.ts';

/** What the context API takes, declared once: the routes validate it, the commands take its type. */
const required = (max: number) => z.string().trim().min(1, { error: 'is required' }).max(max);
const text = z.string().max(4000).optional();

export const issueBody = z.object({
  kind: z.enum(issueKinds),
  title: required(200),
  description: text,
  effect: text,
  climateRelated: z.boolean().optional(),
  status: z.enum(issueStatuses).optional(),
});
export const issuePatch = issueBody.partial();

export const partyBody = z.object({
  name: required(200),
  kind: z.enum(partyKinds),
  requirements: text,
  howAddressed: text,
});
export const partyPatch = partyBody.partial();

export const scopeBody = z.object({
  statement: z.string().max(8000),
  serviceIds: z.array(z.uuid()).max(500),
  units: z.array(z.string().max(200)).max(100).optional(),
  locations: z.array(z.string().max(200)).max(100).optional(),
  exclusions: text,
  climateRelevant: z.boolean(),
  climateReasoning: z.string().max(4000),
  reason: z.string().max(2000).optional(),
});

export type IssueInput = z.infer<typeof issueBody>;
export type PartyInput = z.infer<typeof partyBody>;
export type ScopeInput = z.infer<typeof scopeBody>;

/** What the context API answers, declared once: the routes encode through it, the web reads its types. */
const kept = { createdAt: z.date(), updatedAt: z.date(), version: z.number().int() };
export const issueShape = z.object({
  id: z.uuid(),
  kind: z.enum(['internal', 'external']),
  title: z.string(),
  description: z.string(),
  effect: z.string().describe('How the issue affects the SMS and what is done about it'),
  climateRelated: z.boolean(),
  status: z.enum(['open', 'closed']),
  ...kept,
});
export const partyShape = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: partyBody.shape.kind,
  requirements: z.string(),
  howAddressed: z.string(),
  ...kept,
});
export const contextShape = z.object({
  issues: z.array(issueShape),
  parties: z.array(partyShape),
  climate: z
    .object({ number: z.number().int(), relevant: z.boolean(), reasoning: z.string(), decidedAt: z.date() })
    .nullable()
    .describe('The climate decision of the scope in force'),
});

export const scopeVersionShape = z.object({
  id: z.uuid(),
  number: z.number().int(),
  statement: z.string(),
  serviceIds: z.array(z.uuid()),
  units: z.array(z.string()),
  locations: z.array(z.string()),
  exclusions: z.string(),
  climateRelevant: z.boolean(),
  climateReasoning: z.string(),
  reason: z.string().describe('Why the scope changed (every version after the first)'),
  authorId: z.uuid().nullable(),
  createdAt: z.date(),
});
export const scopeWarningShape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('no_scope') }),
  z.object({ kind: z.literal('live_service_outside_scope'), serviceId: z.uuid(), name: z.string() }),
  z.object({ kind: z.literal('retired_service_in_scope'), serviceId: z.uuid(), name: z.string() }),
]);
export const scopeShape = z.object({
  current: scopeVersionShape
    .extend({
      services: z.array(z.object({ id: z.uuid(), name: z.string(), status: z.string() })),
      author: z.string().nullable(),
    })
    .nullable()
    .describe('The scope in force: the newest version'),
  versions: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      reason: z.string(),
      author: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  warnings: z.array(scopeWarningShape),
});

export type Issue = z.infer<typeof issueShape>;
export type Party = z.infer<typeof partyShape>;
export type ContextView = z.infer<typeof contextShape>;
export type ScopeVersion = z.infer<typeof scopeVersionShape>;
export type ScopeWarning = z.infer<typeof scopeWarningShape>;
export type ScopeView = z.infer<typeof scopeShape>;
