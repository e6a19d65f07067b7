import { z } from 'zod';
import { day } from '../../kernel/http/params.ts';
import { riskStatuses } from './lifecycle.ts';
import { treatments } from './policy.ts';

/** What the risks API takes, declared once: the routes validate it, the commands take its type. */
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
  status: z.enum(riskStatuses).optional(),
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
  status: z.enum(riskStatuses).optional(),
  high: z.enum(['true', 'false']).optional(),
});

export type RiskInput = z.infer<typeof riskBody>;
export type RiskPatch = z.infer<typeof riskPatch>;
export type Criteria = z.infer<typeof criteriaBody>;
export type RiskActionInput = z.infer<typeof riskActionBody>;

/** What the risks API answers, declared once: the routes encode through it, the web reads its types. */
export const criteriaShape = criteriaBody.extend({
  setBy: z.uuid().nullable(),
  setAt: z.date().nullable(),
  version: z.number().int().describe('0 until top management sets criteria of its own'),
});

const scored = z.object({ likelihood: z.number().int(), impact: z.number().int(), score: z.number().int() });
export const riskShape = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(['risk', 'opportunity']),
  title: z.string(),
  causes: z.string(),
  consequences: z.string(),
  serviceIds: z.array(z.uuid()),
  ciIds: z.array(z.uuid()),
  ownerId: z.uuid(),
  inherent: scored.describe('Before treatment'),
  residual: scored.describe('After treatment'),
  high: z.boolean().describe('A risk whose residual score is above the acceptable level'),
  treatment: z.enum(treatments),
  acceptedAt: z.string().nullable(),
  reviewDue: z.string().describe('YYYY-MM-DD'),
  reviewOverdue: z.boolean(),
  status: z.enum(riskStatuses),
  version: z.number().int(),
});
export const riskListShape = z.object({ items: z.array(riskShape) });

const named = z.object({ id: z.uuid(), name: z.string().nullable() });
export const riskDetailShape = riskShape.extend({
  abilities: z
    .object({
      edit: z
        .boolean()
        .describe('Change it and plan its treatment (its owner, process owners, top management)'),
    })
    .describe('What you may do with it now, by the rules in risks/policy.ts'),
  owner: z.string().nullable().describe('The owner’s name'),
  acceptedBy: z.string().nullable().describe('Who in top management accepted it above the level'),
  services: z.array(named),
  cis: z.array(named),
  actions: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      responsible: z.string().nullable(),
      due: z.string().nullable(),
      done: z.boolean(),
    }),
  ),
});

const cell = z.object({
  likelihood: z.number().int(),
  impact: z.number().int(),
  acceptable: z.boolean(),
  risks: z.array(z.string()).describe('The codes of the open risks in the cell'),
});
export const heatMapShape = z.object({
  criteria: criteriaShape,
  residual: z.array(z.array(cell)).describe('Rows by likelihood 1–5, cells by impact 1–5'),
  inherent: z.array(z.array(cell)),
});

export type CriteriaView = z.infer<typeof criteriaShape>;
export type RiskRow = z.infer<typeof riskShape>;
export type RiskDetail = z.infer<typeof riskDetailShape>;
export type HeatMap = z.infer<typeof heatMapShape>;
