import { z } from 'zod';
import { objectiveStatuses } from '../objectives/index.ts';
import { gapShape } from '../roles/index.ts';

/** What the leadership dashboard answers, declared once: the route encodes through it, the web reads its type. */
const link = z.string().describe('Where the record lives in the web app');
const policyRef = { id: z.uuid(), identifier: z.string(), title: z.string(), link };

export const dashboardShape = z.object({
  reviews: z.object({
    readable: z.boolean().describe('The reader reads management reviews; if not, openActions is empty'),
    openActions: z.array(
      z.object({
        id: z.uuid(),
        reviewCode: z.string(),
        title: z.string(),
        responsible: z.string().nullable(),
        due: z.string().nullable(),
        overdue: z.boolean(),
        link,
      }),
    ),
  }),
  roles: z.object({ gaps: z.array(z.intersection(gapShape, z.object({ link }))) }),
  risks: z.object({
    high: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        title: z.string(),
        score: z.number().int(),
        treatment: z.string(),
        link,
      }),
    ),
    reviewsDue: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        title: z.string(),
        reviewDue: z.string(),
        overdue: z.boolean(),
        link,
      }),
    ),
  }),
  objectives: z.object({
    counts: z.object(
      Object.fromEntries(objectiveStatuses.map((s) => [s, z.number().int()])) as Record<
        (typeof objectiveStatuses)[number],
        z.ZodNumber
      >,
    ),
    items: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        title: z.string(),
        status: z.enum(objectiveStatuses),
        value: z.number().nullable(),
        target: z.number(),
        direction: z.enum(['at_least', 'at_most']),
        unit: z.string(),
        kpi: z.string().nullable(),
        link,
      }),
    ),
  }),
  policies: z.object({
    awaitingApproval: z.array(z.object({ ...policyRef, version: z.number().int() })),
    reviewsDue: z.array(z.object({ ...policyRef, reviewDue: z.string().nullable() })),
    coverage: z.array(
      z.object({
        ...policyRef,
        version: z.number().int().nullable(),
        percent: z.number().nullable(),
        outstanding: z.number().int(),
      }),
    ),
  }),
});

export type Dashboard = z.infer<typeof dashboardShape>;
