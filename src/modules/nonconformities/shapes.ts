import { z } from 'zod';
import { isDay } from '../../kernel/days.ts';
import { pageQuery } from '../../kernel/http/pagination.ts';
import { transitionShape, workItemAbilities, workItemShape } from '../../kernel/records/shapes.ts';
import {
  closers,
  effectivenessResults,
  handSources,
  nonconformitySources,
  nonconformityStates,
  severities,
} from './lifecycle.ts';

/**
 * The nonconformity API's request and answer shapes (docs/check-and-act.md), declared once: routes validate
 * with them, commands take their inferred types, the web imports the types from the module's index.
 */

const day = z.string().refine(isDay, { error: 'must be a date (YYYY-MM-DD)' });
const text = (max: number) => z.string().max(max);
const processKey = z.string().trim().min(1).max(60);

/** What raising a nonconformity takes, from a finding (the audits module, through the face) or by hand. */
export const raiseInput = z.strictObject({
  title: z.string().trim().min(1, { error: 'is required' }).max(300),
  description: text(100_000).default(''),
  severity: z.enum(severities),
  source: z.enum(nonconformitySources),
  /** The record it came from: a finding's code, an incident's or complaint's number, a review's code. */
  sourceRef: z.string().trim().max(120).default(''),
  findingId: z.uuid().nullable().optional(),
  /** The ISO/IEC 20000-1 clause it is against, e.g. 8.5.1. */
  clause: z.string().trim().max(20).nullable().optional(),
  processKey: processKey.nullable().optional(),
  serviceId: z.uuid().nullable().optional(),
  /** Who answers it (its owner); the process's owner in the register when omitted. */
  ownerId: z.uuid().nullable().optional(),
});
export type RaiseInput = z.input<typeof raiseInput>;

/** Recording one by hand: any source but an audit (audits raise theirs from their findings). */
export const newNonconformityBody = raiseInput
  .omit({ findingId: true })
  .extend({ source: z.enum(handSources) });

export const nonconformityPatchBody = z
  .strictObject({
    title: z.string().trim().min(1, { error: 'is required' }).max(300),
    description: text(100_000),
    severity: z.enum(severities),
    clause: z.string().trim().max(20).nullable(),
    processKey: processKey.nullable(),
    serviceId: z.uuid().nullable(),
    ownerId: z.uuid().nullable(),
    correction: text(20_000),
    rootCause: text(50_000),
    rootCauseMethod: text(200),
    similar: text(20_000),
    effectivenessDue: day.nullable(),
  })
  .partial();
export type NonconformityPatch = z.infer<typeof nonconformityPatchBody>;

/** A step of the lifecycle, with what it records on the way (a correction, a cause, a reason, ...). */
export const transitionBody = z.strictObject({
  to: z.enum(nonconformityStates),
  correction: text(20_000).optional(),
  rootCause: text(50_000).optional(),
  rootCauseMethod: text(200).optional(),
  similar: text(20_000).optional(),
  effectivenessDue: day.optional(),
  reason: text(2000).optional(),
  note: text(20_000).optional(),
});

export const newActionBody = z.strictObject({
  title: z.string().trim().min(1, { error: 'is required' }).max(300),
  responsibleId: z.uuid(),
  due: day,
});
export type NewCorrectiveAction = z.infer<typeof newActionBody>;

export const actionPatchBody = z
  .strictObject({
    title: z.string().trim().min(1, { error: 'is required' }).max(300),
    responsibleId: z.uuid(),
    due: day,
    /** true ticks it off (with `note`, what was done), false opens it again. */
    done: z.boolean(),
    note: text(20_000),
  })
  .partial();
export type CorrectiveActionPatch = z.infer<typeof actionPatchBody>;

export const effectivenessBody = z.strictObject({
  result: z.enum(effectivenessResults),
  note: z.string().trim().min(1, { error: 'say what was checked' }).max(20_000),
});
export type EffectivenessInput = z.infer<typeof effectivenessBody>;

export const settingsBody = z.strictObject({
  closedBy: z.enum(closers),
  effectivenessDays: z.number().int().min(1).max(730),
});
export type NcSettingsInput = z.infer<typeof settingsBody>;

export const settingsSchema = settingsBody.extend({
  setBy: z.uuid().nullable(),
  setAt: z.string().nullable(),
  version: z.number().int(),
});
export type NcSettings = z.infer<typeof settingsSchema>;

export const listQuery = pageQuery.extend({
  state: z.enum(nonconformityStates).optional(),
  severity: z.enum(severities).optional(),
  source: z.enum(nonconformitySources).optional(),
  process: processKey.optional(),
  /** Only those with a corrective action past its due date and not done. */
  overdue: z.enum(['true', 'false']).optional(),
  /** Only the open ones (not closed or cancelled). */
  open: z.enum(['true', 'false']).optional(),
});
export type NcListQuery = z.infer<typeof listQuery>;

const instant = z.string().nullable();

export const correctiveActionSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  responsibleId: z.uuid(),
  responsibleName: z.string().nullable(),
  due: z.string(),
  state: z.enum(['open', 'done']),
  overdue: z.boolean(),
  doneAt: instant,
  doneNote: z.string(),
  escalatedAt: instant,
  createdAt: z.string(),
  version: z.number().int(),
  /** Whether the reader may tick it off or open it again. */
  mayTick: z.boolean(),
});
export type CorrectiveActionView = z.infer<typeof correctiveActionSchema>;

/** A nonconformity as its page shows it: the work item, its own fields, its actions and what the reader may do. */
export const nonconformitySchema = workItemShape.extend({
  source: z.enum(nonconformitySources),
  sourceRef: z.string(),
  findingId: z.uuid().nullable(),
  severity: z.enum(severities),
  clause: z.string().nullable(),
  processKey: z.string().nullable(),
  processName: z.string().nullable(),
  processOwnerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  correction: z.string(),
  correctedAt: instant,
  rootCause: z.string(),
  rootCauseMethod: z.string(),
  similar: z.string(),
  effectivenessDue: z.string().nullable(),
  effectiveness: z.enum(effectivenessResults).nullable(),
  effectivenessNote: z.string(),
  effectivenessBy: z.uuid().nullable(),
  effectivenessAt: instant,
  closedAt: instant,
  actions: z.array(correctiveActionSchema),
  abilities: workItemAbilities.extend({
    /** Record the correction, the cause and actions; fire the steps up to verification. */
    answer: z.boolean(),
    /** Record the effectiveness check and close, as the settings say. */
    close: z.boolean(),
  }),
  transitions: z.array(transitionShape),
});
export type NonconformityView = z.infer<typeof nonconformitySchema>;

export const nonconformityRowSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  state: z.enum(nonconformityStates),
  final: z.boolean(),
  severity: z.enum(severities),
  source: z.enum(nonconformitySources),
  sourceRef: z.string(),
  clause: z.string().nullable(),
  processKey: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  actionsOpen: z.number().int(),
  actionsOverdue: z.number().int(),
  effectivenessDue: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NonconformityRow = z.infer<typeof nonconformityRowSchema>;
