import { z } from 'zod';

/** What the communication API takes, declared once: the routes validate it, the commands take its type. */
const required = (max: number) => z.string().trim().min(1, { error: 'is required' }).max(max);

export const entryBody = z.object({
  subject: required(200),
  audience: required(200),
  channel: required(120),
  frequency: z.enum(['once', 'monthly', 'quarterly', 'yearly']),
  responsibleId: z.uuid(),
  firstDue: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
  active: z.boolean().optional(),
});
export const entryPatch = entryBody.partial();
export const doneBody = z.object({ note: z.string().max(2000).default('') });

export type EntryInput = z.infer<typeof entryBody>;
export type EntryPatch = z.infer<typeof entryPatch>;
