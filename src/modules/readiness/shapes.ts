import { z } from 'zod';
import { languages } from '../../kernel/auth/users.ts';
import { day } from '../../kernel/http/params.ts';
import { clauseGroups } from './clauses.ts';
import { clauseStatuses, ruleStatuses } from './readiness.ts';

/**
 * What the readiness API takes and answers, declared once. `readinessShape` is also the stable face the
 * evidence pack reads through `readinessFor` (index.ts): change it only by adding fields.
 */

export const langQuery = z.object({
  lang: z
    .enum(languages)
    .optional()
    .describe('The language of titles and sentences; the caller’s own by default'),
});

export const readinessQuery = langQuery.extend({
  at: day.optional().describe('The day readiness is judged at (its end, UTC); today by default'),
});

export const ownRequirementSources = ['contract', 'legal', 'regulatory', 'customer', 'internal'] as const;

const text = (max: number) => z.string().max(max);
const required = (max: number) =>
  z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(max);

export const applicabilityBody = z.object({
  applicable: z.boolean(),
  justification: text(5000).optional().describe('Required when the clause is marked not applicable'),
});
export type ApplicabilityInput = z.infer<typeof applicabilityBody>;

export const requirementBody = z.object({
  code: required(40),
  title: required(200),
  description: text(10_000).optional(),
  source: z.enum(ownRequirementSources),
  reference: text(500).optional(),
  clause: z.string().max(10).nullable().optional().describe('The clause of the register it is filed under'),
  ownerId: z.uuid().nullable().optional(),
  evidence: text(10_000).optional().describe('How it is met and where the evidence is'),
  reviewMonths: z
    .number()
    .int()
    .min(1, { error: 'must be 1–60' })
    .max(60, { error: 'must be 1–60' })
    .optional(),
});
export const requirementPatch = requirementBody.partial();
export type RequirementInput = z.infer<typeof requirementBody>;
export type RequirementPatch = z.infer<typeof requirementPatch>;

export const reviewBody = z.object({ note: text(2000).optional() });
export const retireBody = z.object({ reason: required(2000) });

export const requirementListQuery = z.object({
  clause: z.string().max(10).optional(),
  retired: z.enum(['true', 'false']).optional().describe('Retired ones are left out unless asked for'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const ruleSettingBody = z.object({
  maxAgeDays: z.number().int().min(1, { error: 'must be 1–3660' }).max(3660, { error: 'must be 1–3660' }),
  minCount: z.number().int().min(1, { error: 'must be at least 1' }).max(100_000),
});
export type RuleSettingInput = z.infer<typeof ruleSettingBody>;

export const ruleKeyParam = z.object({ key: z.string().max(80) });
export const clauseParam = z.object({ number: z.string().max(10) });

export const ownRequirementShape = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  source: z.enum(ownRequirementSources),
  reference: z.string(),
  clause: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  evidence: z.string(),
  reviewMonths: z.number().int(),
  lastReviewedAt: z.date().nullable(),
  reviewDue: z.date(),
  overdue: z.boolean(),
  retired: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int(),
});
export type OwnRequirementView = z.infer<typeof ownRequirementShape>;
export const requirementListShape = z.object({
  items: z.array(ownRequirementShape),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const ruleResultShape = z.object({
  rule: z.string().describe('The evidence rule’s key, or "own-requirements"'),
  label: z.string(),
  status: z.enum(ruleStatuses),
  measure: z.enum(['records', 'share']),
  notRun: z.boolean().describe('Keel does not run this process yet: no evidence, by design'),
  count: z.number().int().describe('Records in the window, or the percentage met for a share'),
  total: z.number().int().describe('Records up to the day judged, or what a share is taken over'),
  part: z.number().int().nullable(),
  whole: z.number().int().nullable(),
  newest: z.date().nullable(),
  maxAgeDays: z.number().int().nullable(),
  minCount: z.number().int(),
  link: z.string().nullable().describe('Where the records are in the web app'),
  sentence: z.object({
    key: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
  text: z.string(),
});
export type RuleResult = z.infer<typeof ruleResultShape>;

export const clauseReadinessShape = z.object({
  number: z.string(),
  group: z.enum(clauseGroups),
  title: z.string(),
  description: z.string(),
  processes: z.array(z.string()),
  applicable: z.boolean(),
  justification: z.string(),
  decidedBy: z.uuid().nullable(),
  decidedAt: z.date().nullable(),
  /** The applicability decision's version for If-Match; 0 while no one has decided. */
  version: z.number().int(),
  status: z.enum(clauseStatuses),
  rules: z.array(ruleResultShape),
  requirements: z.array(ownRequirementShape),
});
export type ClauseReadiness = z.infer<typeof clauseReadinessShape>;

const rollUpShape = z.object({
  evidenced: z.number().int(),
  stale: z.number().int(),
  missing: z.number().int(),
  notApplicable: z.number().int(),
  applicable: z.number().int(),
  figure: z
    .number()
    .int()
    .nullable()
    .describe('(evidenced + stale / 2) over applicable clauses, in per cent'),
});

export const groupReadinessShape = rollUpShape.extend({ group: z.enum(clauseGroups), title: z.string() });
export type GroupReadiness = z.infer<typeof groupReadinessShape>;

export const readinessShape = rollUpShape.extend({
  at: z.date(),
  lang: z.enum(languages),
  groups: z.array(groupReadinessShape),
  clauses: z.array(clauseReadinessShape),
});
export type Readiness = z.infer<typeof readinessShape>;

export const clauseRegisterShape = z.object({
  at: z.date(),
  lang: z.enum(languages),
  items: z.array(
    clauseReadinessShape.extend({ questions: z.array(z.string()), ruleKeys: z.array(z.string()) }),
  ),
});

export const ruleSettingShape = z.object({
  key: z.string(),
  label: z.string(),
  clauses: z.array(z.string()),
  measure: z.enum(['records', 'share']),
  notRun: z.boolean(),
  link: z.string().nullable(),
  defaultMaxAgeDays: z.number().int(),
  defaultMinCount: z.number().int(),
  maxAgeDays: z.number().int(),
  minCount: z.number().int(),
  setBy: z.uuid().nullable(),
  setAt: z.date().nullable(),
  version: z.number().int().describe('0 while Keel’s defaults apply'),
});
export type RuleSetting = z.infer<typeof ruleSettingShape>;
export const ruleSettingListShape = z.object({ items: z.array(ruleSettingShape) });
