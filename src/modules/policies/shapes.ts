import { z } from 'zod';
import { roles } from '../../kernel/access/roles.ts';
import { languages } from '../../kernel/auth/users.ts';
import type { Audience } from './schema.ts';

/** What the policies API takes, declared once: the routes validate it, the commands take its type. */
export const audienceShape = z.object({
  everyone: z.boolean().default(false),
  roles: z.array(z.enum(roles)).max(20).default([]),
  groupIds: z.array(z.uuid()).max(100).default([]),
  customers: z.boolean().default(false),
  suppliers: z.boolean().default(false).describe('The contacts of suppliers (people with the supplier role)'),
});

const policyFields = {
  identifier: z.string().trim().min(1, { error: 'is required' }).max(40),
  title: z.string().trim().min(1, { error: 'is required' }).max(200),
  kind: z.enum(['service_management', 'process', 'other', 'plan']),
  process: z.string().trim().max(100).nullable().optional(),
  ownerId: z.uuid(),
  reviewMonths: z
    .number()
    .int()
    .min(1, { error: 'must be 1–60' })
    .max(60, { error: 'must be 1–60' })
    .optional(),
  approverRoles: z.array(z.enum(roles)).max(10),
  audience: audienceShape,
  language: z.enum(languages).optional(),
};

export const policyBody = z.object({ ...policyFields, body: z.string().max(200_000).optional() });
export const policyPatch = z.object(policyFields).partial();
export const draftBody = z.object({
  body: z.string().max(200_000),
  changeNote: z.string().max(2000).optional(),
});
export const decisionBody = z.object({
  approved: z.boolean({ error: 'say whether you approve it (true) or send it back (false)' }),
  comment: z.string().max(5000).optional(),
});
export const withdrawBody = z.object({ reason: z.string({ error: 'say why it is withdrawn' }).max(2000) });
export const noFields = z.object({});
export const versionParams = z.object({ id: z.uuid(), number: z.coerce.number().int().min(1) });

/**
 * A policy as the commands take it: the body's fields, with the audience as it is stored (Keel's own callers,
 * the demo among them, may leave out the suppliers, as versions published before suppliers could be named do).
 */
export type PolicyInput = Omit<z.infer<typeof policyBody>, 'audience'> & { audience: Audience };
export type PolicyPatch = Omit<z.infer<typeof policyPatch>, 'audience'> & { audience?: Audience };
export type DraftInput = z.infer<typeof draftBody>;
export type DecisionInput = z.infer<typeof decisionBody>;
