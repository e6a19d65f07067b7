import { z } from 'zod';
import { isDay } from '../../kernel/days.ts';
import { pageQuery } from '../../kernel/http/pagination.ts';
import { improvementSources, improvementStates } from './lifecycle.ts';

/**
 * The improvement register's request and answer shapes (docs/check-and-act.md), declared once: routes
 * validate with them, commands take their inferred types, the web imports the types from the index.
 */

const day = z.string().refine(isDay, { error: 'must be a date (YYYY-MM-DD)' });
const title = z.string().trim().min(1, { error: 'is required' }).max(300);
const processKey = z.string().trim().min(1).max(60);
/** A score against one criterion, by its key: 1 (least) to 5 (most). */
export const scoresShape = z.record(z.string().min(1).max(60), z.number().int().min(1).max(5));

/** What proposing an opportunity takes, by hand or from another module (an audit's finding, a review). */
export const proposeInput = z.strictObject({
  title,
  description: z.string().max(50_000).default(''),
  source: z.enum(improvementSources),
  /** The record it came from: a finding's code, a problem's or incident's number, a review's code. */
  sourceRef: z.string().trim().max(120).default(''),
  processKey: processKey.nullable().optional(),
  serviceId: z.uuid().nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
});
export type ProposeInput = z.input<typeof proposeInput>;

export const newImprovementBody = proposeInput.extend({
  objectiveId: z.uuid().nullable().optional(),
  scores: scoresShape.optional(),
});
export type NewImprovement = z.infer<typeof newImprovementBody>;

export const improvementPatchBody = z
  .strictObject({
    title,
    description: z.string().max(50_000),
    processKey: processKey.nullable(),
    serviceId: z.uuid().nullable(),
    objectiveId: z.uuid().nullable(),
    ownerId: z.uuid().nullable(),
    /** Scores against the criteria (replacing those given before): the weighted score follows. */
    scores: scoresShape,
    targetDate: day.nullable(),
    /** The KPI measuring the benefit (the objectives module's keys), its target, and the values. */
    kpiKey: z.string().trim().min(1).max(60).nullable(),
    target: z.number().finite().nullable(),
    baseline: z.number().finite().nullable(),
    measured: z.number().finite().nullable(),
    benefits: z.string().max(20_000),
  })
  .partial();
export type ImprovementPatch = z.infer<typeof improvementPatchBody>;

export const improvementTransitionBody = z.strictObject({
  to: z.enum(improvementStates),
  reason: z.string().trim().max(2000).optional(),
  benefits: z.string().trim().max(20_000).optional(),
  /** At realisation: the value measured after, when no KPI gives it (or to override it, with a reason). */
  measured: z.number().finite().optional(),
});
export type ImprovementTransition = z.infer<typeof improvementTransitionBody>;

export const newImprovementActionBody = z.strictObject({
  title,
  responsibleId: z.uuid().nullable().optional(),
  due: day.nullable().optional(),
});
export type NewImprovementAction = z.infer<typeof newImprovementActionBody>;

export const improvementActionPatchBody = z.strictObject({ done: z.boolean() });

const criterionFields = {
  name: z.string().trim().min(1, { error: 'is required' }).max(120),
  description: z.string().max(2000),
  weight: z.number().int().min(1).max(5),
  higherIsBetter: z.boolean(),
  position: z.number().int().min(0).max(1000),
};
export const criterionInput = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,59}$/, { error: 'lower-case letters, digits and _' }),
  ...criterionFields,
  description: criterionFields.description.default(''),
  weight: criterionFields.weight.default(1),
  higherIsBetter: criterionFields.higherIsBetter.default(true),
  position: criterionFields.position.optional(),
});
export type CriterionInput = z.infer<typeof criterionInput>;
// no defaults here: a field left out of a change stays as it is
export const criterionPatchBody = z.strictObject({ ...criterionFields, retired: z.boolean() }).partial();
export type CriterionPatch = z.infer<typeof criterionPatchBody>;

export const criterionSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  weight: z.number().int(),
  higherIsBetter: z.boolean(),
  position: z.number().int(),
  retired: z.boolean(),
  version: z.number().int(),
});
export type CriterionView = z.infer<typeof criterionSchema>;

export const listQuery = pageQuery.extend({
  state: z.enum(improvementStates).optional(),
  source: z.enum(improvementSources).optional(),
  process: processKey.optional(),
  sort: z.enum(['score', 'updated', 'code']).default('score'),
});
export type ImprovementListQuery = z.infer<typeof listQuery>;

const instant = z.string().nullable();

export const improvementActionSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  responsibleId: z.uuid().nullable(),
  responsibleName: z.string().nullable(),
  due: z.string().nullable(),
  state: z.enum(['open', 'done']),
  doneAt: instant,
});

export const improvementRowSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  source: z.enum(improvementSources),
  sourceRef: z.string(),
  state: z.enum(improvementStates),
  score: z.number().nullable(),
  processKey: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  targetDate: z.string().nullable(),
  kpiKey: z.string().nullable(),
  baseline: z.number().nullable(),
  measured: z.number().nullable(),
  updatedAt: z.string(),
});
export type ImprovementRow = z.infer<typeof improvementRowSchema>;

export const improvementSchema = improvementRowSchema.extend({
  description: z.string(),
  serviceId: z.uuid().nullable(),
  objectiveId: z.uuid().nullable(),
  scores: z.record(z.string(), z.number()),
  decisionReason: z.string(),
  decidedBy: z.uuid().nullable(),
  decidedAt: instant,
  target: z.number().nullable(),
  benefits: z.string(),
  realisedAt: instant,
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  actions: z.array(improvementActionSchema),
  /** The steps the reader may take now, and what each needs. */
  transitions: z.array(z.object({ name: z.string(), to: z.string(), requires: z.array(z.string()) })),
  abilities: z.object({ edit: z.boolean(), evaluate: z.boolean(), run: z.boolean() }),
});
export type ImprovementView = z.infer<typeof improvementSchema>;
