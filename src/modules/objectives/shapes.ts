import { z } from 'zod';
import { kpiKeys } from './policy.ts';

/** What the objectives API takes, declared once: the routes validate it, the commands take its type. */
const day = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });

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
  at: z.iso.date().optional(),
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
