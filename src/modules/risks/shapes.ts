import { z } from 'zod';
import { treatments } from './policy.ts';

/** What the risks API takes, declared once: the routes validate it, the commands take its type. */
const day = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });
const scale = z.number().int().min(1, { error: 'must be 1–5' }).max(5, { error: 'must be 1–5' });

export const riskBody = z.object({
  kind: z.enum(['risk', 'opportunity']),
  title: z.string().trim().min(1, { error: 'is required' }).max(200),
  causes: z.string().max(5000).optional(),
  consequences: z.string().max(5000).optional(),
  serviceIds: z.array(z.uuid()).max(100).optional(),
  ciIds: z.array(z.uuid()).max(100).optional(),
  ownerId: z.uuid(),
  inherentLikelihood: scale,
  inherentImpact: scale,
  residualLikelihood: scale,
  residualImpact: scale,
  treatment: z.enum(treatments),
  reviewDue: day,
  status: z.enum(['open', 'closed']).optional(),
});
export const riskPatch = riskBody.partial();

export const criteriaBody = z.object({
  likelihood: z.array(z.string().max(60)),
  impact: z.array(z.string().max(60)),
  acceptable: z.number().int().min(1).max(25),
});

export const riskActionBody = z.object({
  title: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(200),
  responsibleId: z.uuid().nullable().optional(),
  due: day.nullable().optional(),
});
export const doneBody = z.object({ done: z.boolean() });

export const registerQuery = z.object({
  kind: z.enum(['risk', 'opportunity']).optional(),
  status: z.enum(['open', 'closed']).optional(),
  high: z.enum(['true', 'false']).optional(),
});

export type RiskInput = z.infer<typeof riskBody>;
export type RiskPatch = z.infer<typeof riskPatch>;
export type Criteria = z.infer<typeof criteriaBody>;
export type RiskActionInput = z.infer<typeof riskActionBody>;
