import { z } from 'zod';
import { day } from '../../kernel/http/params.ts';

/** What the communication API takes, declared once: the routes validate it, the commands take its type. */
const required = (max: number) => z.string().trim().min(1, { error: 'is required' }).max(max);

export const entryBody = z.object({
  subject: required(200),
  audience: required(200),
  channel: required(120),
  frequency: z.enum(['once', 'monthly', 'quarterly', 'yearly']),
  responsibleId: z.uuid(),
  firstDue: day,
  active: z.boolean().optional(),
});
export const entryPatch = entryBody.partial();
export const doneBody = z.object({ note: z.string().max(2000).default('') });

export type EntryInput = z.infer<typeof entryBody>;
export type EntryPatch = z.infer<typeof entryPatch>;

/** What the communication API answers, declared once: the routes encode through it, the web reads its types. */
export const entryShape = z.object({
  id: z.uuid(),
  subject: z.string(),
  audience: z.string(),
  channel: z.string(),
  frequency: entryBody.shape.frequency,
  responsibleId: z.uuid(),
  firstDue: z.string().describe('YYYY-MM-DD'),
  active: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int(),
});

export const planEntryShape = z.object({
  id: z.uuid(),
  subject: z.string(),
  audience: z.string(),
  channel: z.string(),
  frequency: entryBody.shape.frequency,
  responsibleId: z.uuid(),
  responsible: z.string().describe('The responsible person’s name'),
  firstDue: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  nextTaskId: z.uuid().nullable().describe('The next open occurrence, to mark done'),
  nextDue: z.string().nullable(),
  overdue: z.boolean(),
  lastDoneAt: z.string().nullable(),
  lastNote: z.string().nullable(),
});
export const communicationPlanShape = z.object({ items: z.array(planEntryShape) });

export type Entry = z.infer<typeof entryShape>;
export type PlanEntry = z.infer<typeof planEntryShape>;
