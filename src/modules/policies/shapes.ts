import { z } from 'zod';
import { roles } from '../../kernel/access/roles.ts';
import { languages } from '../../kernel/auth/users.ts';
import { policyStates } from './lifecycle.ts';
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

/** What the policies API answers, declared once: the routes encode through it, the web reads its types. */
const policyKinds = ['service_management', 'process', 'other', 'plan'] as const;
const storedAudience = z.object({
  everyone: z.boolean(),
  roles: z.array(z.string()),
  groupIds: z.array(z.string()),
  customers: z.boolean(),
  suppliers: z.boolean().optional().describe('Absent in versions published before suppliers could be named'),
});
const percent = z.number().nullable().describe('Acknowledged among asked, in %; null when nobody was asked');

export const coverageShape = z.object({
  asked: z.number().int(),
  acknowledged: z.number().int(),
  percent,
  byRole: z.array(
    z.object({ role: z.string(), asked: z.number().int(), acknowledged: z.number().int(), percent }),
  ),
  outstanding: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      roles: z.array(z.string()),
      remindedAt: z.string().nullable(),
    }),
  ),
});

export const policyShape = z.object({
  id: z.uuid(),
  identifier: z.string(),
  title: z.string(),
  kind: z.enum(policyKinds),
  process: z.string().nullable(),
  owner: z.object({ id: z.uuid(), name: z.string().nullable() }),
  reviewMonths: z.number().int(),
  approverRoles: z.array(z.enum(roles)),
  audience: storedAudience,
  language: z.string(),
  version: z.number().int(),
  reviewDue: z.string().nullable().describe('When the version in force is to be reviewed'),
  versions: z.array(
    z.object({
      number: z.number().int(),
      state: z.enum(policyStates),
      body: z.string(),
      changeNote: z.string(),
      author: z.string().nullable(),
      createdAt: z.string().nullable(),
      submittedAt: z.string().nullable(),
      publishedAt: z.string().nullable(),
      endedAt: z.string().nullable(),
      decisions: z.array(
        z.object({
          decider: z.string(),
          role: z.string(),
          approved: z.boolean(),
          comment: z.string(),
          at: z.string(),
        }),
      ),
    }),
  ),
  coverage: coverageShape
    .nullable()
    .describe('For overseers and the owner: who has read the version in force'),
  myAcknowledgement: z
    .object({ asked: z.literal(true), acknowledgedAt: z.string().nullable() })
    .nullable()
    .describe('Whether you were asked to read the version in force, and when you confirmed it'),
  abilities: z
    .object({
      keep: z
        .boolean()
        .describe('Change it, draft, submit, publish, withdraw, remind (its owner or top management)'),
      decide: z.boolean().describe('Approve or send back the version in review'),
      acknowledge: z.boolean().describe('Confirm having read the version in force'),
    })
    .describe('What you may do with it now, by the rules in policies/policy.ts'),
});

export const policyRowShape = z.object({
  id: z.uuid(),
  identifier: z.string(),
  title: z.string(),
  kind: z.enum(policyKinds),
  ownerId: z.uuid(),
  publishedVersion: z.number().int().nullable(),
  latestVersion: z.number().int(),
  latestState: z.enum(policyStates),
  reviewDue: z.string().nullable(),
  reviewOverdue: z.boolean(),
  coverage: coverageShape.pick({ asked: true, acknowledged: true, percent: true }).nullable(),
  toAcknowledge: z.boolean(),
});
export const policyListShape = z.object({ items: z.array(policyRowShape) });

export const changesShape = z.object({
  number: z.number().int(),
  against: z.number().int().nullable().describe('The version compared with, if any'),
  changes: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })),
});

export const pendingShape = z.object({
  items: z.array(
    z.object({
      policyId: z.uuid(),
      identifier: z.string(),
      title: z.string(),
      version: z.number().int(),
      requestedAt: z.string().nullable(),
    }),
  ),
});

export const pdfShape = z
  .string()
  .meta({ format: 'binary' })
  .describe('The version as a PDF document (application/pdf)');

export type PolicyView = z.infer<typeof policyShape>;
export type PolicyRow = z.infer<typeof policyRowShape>;
export type Coverage = z.infer<typeof coverageShape>;
export type PolicyChanges = z.infer<typeof changesShape>;
export type PendingAcknowledgement = z.infer<typeof pendingShape>['items'][number];
