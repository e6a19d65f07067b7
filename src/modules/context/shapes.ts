import { z } from 'zod';

/** What the context API takes, declared once: the routes validate it, the commands take its type. */
const required = (max: number) => z.string().trim().min(1, { error: 'is required' }).max(max);
const text = z.string().max(4000).optional();

export const issueBody = z.object({
  kind: z.enum(['internal', 'external']),
  title: required(200),
  description: text,
  effect: text,
  climateRelated: z.boolean().optional(),
  status: z.enum(['open', 'closed']).optional(),
});
export const issuePatch = issueBody.partial();

export const partyBody = z.object({
  name: required(200),
  kind: z.enum(['customer', 'user', 'supplier', 'regulator', 'staff', 'owner', 'other']),
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
