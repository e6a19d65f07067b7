import { z } from 'zod';
import { languages } from '../../kernel/auth/users.ts';
import { workItemAbilities, workItemShape } from '../../kernel/records/shapes.ts';
import { problemOrigins, problemStates, rcaMethods, suggestionTextMax } from './lifecycle.ts';

/**
 * The problem API's request and answer shapes (docs/problems.md), declared once: routes validate with them,
 * commands take their inferred types, and the web imports the types from the module's index.
 */

const incidentNumber = z.string().trim().min(1).max(60).describe('An incident number, e.g. INC-000042');

const analysis = {
  title: z.string().trim().min(1, { error: 'is required' }).max(300),
  description: z.string().max(100_000),
  /** 1 (highest) to 5, as an incident's priority reads (docs/problems.md: a problem's priority is set, not derived). */
  priority: z.number().int().min(1).max(5).nullable(),
  serviceId: z.uuid().nullable(),
  /** The language its title and workaround are written in: suggestions stem them in it (word by word when none). */
  language: z.enum(languages).nullable(),
  ciIds: z.array(z.uuid()).max(200),
  groupId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  symptoms: z.string().max(50_000),
  timeline: z.string().max(50_000),
  cause: z.string().max(50_000),
  contributingFactors: z.string().max(50_000),
  rcaMethod: z.enum(rcaMethods).nullable(),
  rcaAnalysis: z.string().max(50_000),
  workaround: z.string().max(50_000),
  workaroundPublic: z.boolean(),
};

export const newProblemBody = z
  .strictObject({
    ...analysis,
    incidents: z
      .array(incidentNumber)
      .max(500)
      .describe('Incidents the problem explains (reactive): each is linked caused_by the new problem'),
  })
  .partial()
  .required({ title: true });
export const problemPatchBody = z.strictObject(analysis).partial();

export const problemTransitionBody = z.strictObject({
  to: z.enum(problemStates),
  cause: z.string().max(50_000).optional(),
  workaround: z.string().max(50_000).optional(),
  workaroundPublic: z.boolean().optional(),
  resolution: z.string().max(50_000).optional(),
  reason: z.string().max(2000).optional(),
  note: z.string().max(20_000).optional(),
});

const ref = z.object({ number: z.string(), title: z.string(), state: z.string() });
const instant = z.string().nullable();

/** A problem as its page shows it: the work item, the analysis, the known error, links and abilities. */
export const problemSchema = workItemShape.extend({
  origin: z.enum(problemOrigins),
  symptoms: z.string(),
  timeline: z.string(),
  cause: z.string(),
  contributingFactors: z.string(),
  rcaMethod: z.enum(rcaMethods).nullable(),
  rcaAnalysis: z.string(),
  workaround: z.string(),
  workaroundPublic: z.boolean(),
  knownErrorAt: instant,
  resolution: z.string(),
  resolvedAt: instant,
  closedAt: instant,
  serviceName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  groupName: z.string().nullable(),
  cis: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** The incidents linked caused_by the problem. */
  incidents: z.array(ref),
  /** The changes the problem is resolved_by (the fix). */
  changes: z.array(ref),
  abilities: workItemAbilities.extend({
    /** Record and edit problems, fire transitions, decide candidates. */
    manage: z.boolean(),
    /** Apply the workaround to an incident (only while a known error). */
    applyWorkaround: z.boolean(),
  }),
});

/** One row of the problem list. */
export const problemRowSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  state: z.enum(problemStates),
  final: z.boolean(),
  priority: z.number().int().nullable(),
  origin: z.enum(problemOrigins),
  serviceId: z.uuid().nullable(),
  serviceName: z.string().nullable(),
  assigneeName: z.string().nullable(),
  knownErrorAt: instant,
  incidentCount: z.number().int(),
  createdAt: z.string(),
});

/** A known error as the list per service and the suggestions show it: what the agent needs to apply it. */
export const knownErrorSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  serviceId: z.uuid().nullable(),
  serviceName: z.string().nullable(),
  cause: z.string(),
  workaround: z.string(),
  workaroundPublic: z.boolean(),
  knownErrorAt: z.string(),
  incidentCount: z.number().int(),
  /** With `text`: how well it matches (text similarity plus the service and CI bonuses); null in the list. */
  score: z.number().nullable(),
});

export const knownErrorQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional().describe('The nextCursor of the previous page (list only)'),
  serviceId: z.uuid().optional(),
  incident: z
    .string()
    .trim()
    .max(60)
    .optional()
    .describe(
      'An incident number: the known errors it is linked caused_by (their workarounds on its page; list only)',
    ),
  text: z
    .string()
    .trim()
    .min(1)
    .max(suggestionTextMax)
    .optional()
    .describe('Suggestions for this text (an incident’s title and description): ranked, at most 5'),
  ciIds: z
    .string()
    .max(2000)
    .optional()
    .transform((v, c) => {
      const ids = (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const id of ids)
        if (!z.uuid().safeParse(id).success) {
          c.addIssue({ code: 'custom', message: 'must be comma-separated CI ids' });
          return z.NEVER;
        }
      return ids;
    })
    .describe('Comma-separated CI ids of the incident (suggestions only)'),
});

export const applyKnownErrorBody = z.strictObject({
  problem: z.string().trim().min(1).max(60).describe('The known error’s number, e.g. PRB-000007'),
  note: z.enum(['public', 'internal']).describe('Add the workaround as a public or an internal note'),
  resolve: z.boolean().optional().describe('Also resolve the incident with resolution code workaround'),
});

export const appliedSchema = z.object({
  incident: z.string(),
  problem: z.string(),
  commentId: z.uuid(),
  linked: z.boolean().describe('false when the incident was already linked to the problem'),
  resolved: z.boolean(),
  state: z.string().describe('The incident’s state now'),
  version: z.number().int().describe('The incident’s version now'),
});

export const candidateSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  state: z.enum(['open', 'accepted', 'dismissed']),
  serviceId: z.uuid().nullable(),
  serviceName: z.string().nullable(),
  ciId: z.uuid().nullable(),
  ciName: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  reason: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: instant,
  problem: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  incidents: z.array(ref.extend({ createdAt: z.string() })),
});

export const acceptCandidateBody = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .optional()
    .describe('The problem’s title; the candidate’s if omitted'),
  priority: z.number().int().min(1).max(5).nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
});
export const dismissCandidateBody = z.strictObject({
  reason: z.string().trim().min(1, { error: 'is required to dismiss a candidate' }).max(2000),
});

export const trendSettingsSchema = z.object({
  minIncidents: z.number().int().min(2).max(1000),
  windowDays: z.number().int().min(1).max(366),
  minSimilarity: z.number().min(0).max(1),
  updatedAt: z.string(),
});
export const trendSettingsBody = trendSettingsSchema.omit({ updatedAt: true });

export type NewProblem = z.infer<typeof newProblemBody>;
export type ProblemPatch = z.infer<typeof problemPatchBody>;
export type ProblemView = z.infer<typeof problemSchema>;
export type ProblemRow = z.infer<typeof problemRowSchema>;
export type KnownError = z.infer<typeof knownErrorSchema>;
export type ApplyKnownError = z.infer<typeof applyKnownErrorBody>;
export type Applied = z.infer<typeof appliedSchema>;
export type ProblemCandidate = z.infer<typeof candidateSchema>;
export type AcceptCandidate = z.infer<typeof acceptCandidateBody>;
export type TrendSettings = z.infer<typeof trendSettingsSchema>;
export type TrendSettingsInput = z.infer<typeof trendSettingsBody>;
