import { z } from 'zod';
import { type PlanNoteKey, planNoteKeys } from './policy.ts';

/** What the plan's API takes, declared once: the routes validate it, the commands take its type. */
const noteFields = Object.fromEntries(
  planNoteKeys.map((k) => [k, z.string().max(8000).optional()]),
) as Record<PlanNoteKey, z.ZodOptional<z.ZodString>>;
export const planNotesShape = z.object(noteFields);
export const assembleBody = z.object({ notes: planNotesShape });

/** The author's own text per section of the plan. */
export type PlanNotes = z.infer<typeof planNotesShape>;

/** What the plan's API answers. */
export const planShape = z.object({
  policyId: z.uuid().nullable().describe('The plan document (a policy of kind "plan"), if there is one'),
  notes: planNotesShape.describe('The author’s notes kept with the newest version'),
  language: z.string(),
  preview: z.string().describe('The plan as the records would assemble it now (HTML)'),
});
export type PlanView = z.infer<typeof planShape>;
