import { z } from 'zod';
import { day } from '../../kernel/http/params.ts';
import { objectiveStatuses } from './lifecycle.ts';
import { kpiKeys } from './policy.ts';

/** What the objectives API takes, declared once: the routes validate it, the commands take its type. */

export const measurementShape = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('kpi'),
    kpi: z.enum(kpiKeys),
    priority: z.number().int().min(1).max(9).nullable().optional(),
    serviceId: z.uuid().nullable().optional(),
  }),
  z.object({ kind: z.literal('recorded') }),
]);

export const objectiveBody = z.object({
  code: z.string().trim().min(1, { error: 'is required' }).max(40),
  title: z.string().trim().min(1, { error: 'is required' }).max(200),
  businessGoal: z.string().max(2000).optional(),
  ownerId: z.uuid(),
  target: z.number(),
  direction: z.enum(['at_least', 'at_most']).optional(),
  unit: z.string().trim().max(20).optional(),
  period: z.enum(['month', 'quarter']).optional(),
  deadline: day,
  measurement: measurementShape,
});
export const objectivePatch = objectiveBody.partial();

export const valueBody = z.object({
  value: z.number({ error: 'must be a number' }),
  evidence: z.string({ error: 'say where the value comes from' }).max(2000),
  at: day.optional(),
});

export const actionBody = z.object({
  title: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(200),
  responsibleId: z.uuid().nullable().optional(),
  resources: z.string().max(2000).optional(),
  due: day.nullable().optional(),
});

export const reviewBody = z.object({ note: z.string().max(5000).default('') });
export const doneBody = z.object({ done: z.boolean() });

export type ObjectiveInput = z.infer<typeof objectiveBody>;
export type ObjectivePatch = z.infer<typeof objectivePatch>;
export type ValueInput = z.infer<typeof valueBody>;
export type ActionInput = z.infer<typeof actionBody>;

/** What the objectives API answers, declared once: the routes encode through it, the web reads its types. */
const periodValue = z.object({ periodStart: z.string(), value: z.number().nullable() });

export const objectiveShape = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  businessGoal: z.string(),
  ownerId: z.uuid(),
  target: z.number(),
  direction: z.enum(['at_least', 'at_most']),
  unit: z.string(),
  period: z.enum(['month', 'quarter']),
  deadline: z.string().describe('YYYY-MM-DD'),
  measurement: measurementShape,
  version: z.number().int(),
  current: periodValue.describe('The value in the current period'),
  status: z.enum(objectiveStatuses),
});

export const objectiveDetailShape = objectiveShape.extend({
  abilities: z
    .object({
      keep: z
        .boolean()
        .describe('Change it, record values, plan and review it (its owner or top management)'),
    })
    .describe('What you may do with it now, by the rules in objectives/policy.ts'),
  owner: z.object({ id: z.uuid(), name: z.string().nullable() }),
  trend: z.array(periodValue).describe('The last periods, oldest first, ending with the current one'),
  actions: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      responsibleId: z.uuid().nullable(),
      responsible: z.string().nullable(),
      resources: z.string(),
      due: z.string().nullable().describe('YYYY-MM-DD'),
      done: z.boolean(),
      overdue: z.boolean(),
    }),
  ),
  reviews: z.array(
    z.object({
      status: z.string(),
      value: z.number().nullable(),
      note: z.string(),
      reviewer: z.string().nullable(),
      at: z.string(),
    }),
  ),
  recordedValues: z.array(
    z.object({
      periodStart: z.string().nullable(),
      value: z.number(),
      evidence: z.string(),
      recordedAt: z.string().nullable(),
    }),
  ),
});

export const objectiveListShape = z.object({ items: z.array(objectiveShape) });

export type ObjectiveSummary = z.infer<typeof objectiveShape>;
export type ObjectiveDetail = z.infer<typeof objectiveDetailShape>;
