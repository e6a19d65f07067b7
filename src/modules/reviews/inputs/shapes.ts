import { z } from 'zod';
import type { reviewInputKeys } from '../lifecycle.ts';

/**
 * The inputs of a management review (9.3) as the API answers them and as they are frozen into the record
 * when the review is held: plain JSON (days and instants as text), so a frozen copy reads back exactly as
 * it was assembled. One shape per input, in `reviewInputKeys`' order.
 */
const count = z.number().int();
const percent = z.number().nullable().describe('Share met of those decided, in percent; null when none');
const period = z.object({ from: z.string(), to: z.string() }).describe('Days, both inclusive');

const previousActions = z.object({
  actions: z.array(
    z.object({
      id: z.uuid(),
      reviewId: z.uuid(),
      reviewCode: z.string(),
      title: z.string(),
      responsible: z.string().nullable(),
      due: z.string().nullable(),
      done: z.boolean(),
      doneAt: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  open: count,
  done: count,
  overdue: count,
});

const changed = z.enum(['added', 'changed']);
const contextChanges = z.object({
  issues: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      kind: z.string(),
      status: z.string(),
      climateRelated: z.boolean(),
      change: changed,
    }),
  ),
  parties: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), change: changed })),
  scopeVersions: z.array(z.object({ number: count, reason: z.string(), createdAt: z.string() })),
});

const performance = z.object({
  asOf: z.string().describe('The moment the objectives were read at: the end of the period, or now'),
  objectives: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      title: z.string(),
      target: z.number(),
      direction: z.enum(['at_least', 'at_most']),
      unit: z.string(),
      status: z.string(),
      latest: z.number().nullable().describe('The value of its last period within the review period'),
      values: z.array(z.object({ periodStart: z.string(), value: z.number().nullable() })),
    }),
  ),
  byStatus: z.record(z.string(), count),
});

const attainment = {
  met: count,
  missed: count,
  open: count.describe('Neither met nor missed yet'),
  metPercent: percent,
};
const agreementLevel = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  ...attainment,
  byMetric: z.array(z.object({ metric: z.string(), ...attainment })),
  previous: z.object({ met: count, missed: count, metPercent: percent }),
  trend: z
    .enum(['better', 'worse', 'same'])
    .nullable()
    .describe('Met % against the previous period; null when either has none'),
});
const serviceLevels = z.object({ agreements: z.array(agreementLevel) });

const flow = z.object({ opened: count, closed: count });
const workload = z.object({
  incidents: flow,
  requests: flow,
  changes: flow,
  previous: z.object({ incidents: flow, requests: flow, changes: flow }),
});

const satisfaction = z.object({
  ratings: count,
  mean: z.number().nullable().describe('Mean rating 1–5, two decimals'),
  byScore: z.array(count).describe('How many ratings of 1, 2, 3, 4 and 5'),
  previous: z.object({ ratings: count, mean: z.number().nullable() }),
  complaints: z.object({
    recorded: z.boolean(),
    count: count.describe('Nonconformities raised from a complaint in the period'),
    items: z.array(z.object({ number: z.string(), title: z.string(), state: z.string() })),
    note: z.string(),
  }),
});

const suppliers = z.object({
  underpinningContracts: z.array(agreementLevel.extend({ supplier: z.string().nullable() })),
  note: z.string(),
  noteKey: z
    .enum(['noSupplierRegister'])
    .describe('Which note applies, for screens that say it in the reader’s language (note is English)'),
});

const nonconformities = z.object({
  opened: count,
  openedBySeverity: z.object({ major: count, minor: count }),
  closed: count,
  open: count.describe('Open now'),
  overdueActions: z.array(
    z.object({
      number: z.string(),
      title: z.string(),
      responsible: z.string().nullable(),
      due: z.string(),
    }),
  ),
});

const findingCounts = z.object({ major_nc: count, minor_nc: count, observation: count, ofi: count });
const audits = z.object({
  completed: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      title: z.string(),
      completedAt: z.string(),
      findings: findingCounts,
    }),
  ),
  findingsRaised: findingCounts.describe('Findings raised in the period, by kind'),
  planned: count.describe('Audits planned to start in the period and not yet completed'),
});

const risks = z.object({
  aboveAcceptable: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      title: z.string(),
      score: count,
      treatment: z.string(),
      acceptedAt: z.string().nullable(),
    }),
  ),
  openRisks: count,
  openOpportunities: count,
});

const resources = z.object({
  vacancies: z.array(z.object({ roleId: z.uuid(), role: z.string() })),
  competenceGaps: z.array(
    z.object({ roleId: z.uuid(), role: z.string(), person: z.string(), competences: z.array(z.string()) }),
  ),
  otherGaps: z
    .object({ withoutDeputy: count, appointmentsEnding: count, processesWithoutOwner: count })
    .describe('Holders without a needed deputy, appointments ending within 30 days, processes without owner'),
});

const improvements = z.object({
  byState: z.record(z.string(), count),
  proposedInPeriod: count,
  realisedInPeriod: z.array(z.object({ id: z.uuid(), code: z.string(), title: z.string() })),
});

export const inputsShape = z.object({
  previous_actions: previousActions,
  context_changes: contextChanges,
  performance,
  service_levels: serviceLevels,
  workload,
  customer_satisfaction: satisfaction,
  suppliers,
  nonconformities,
  audits,
  risks,
  resources,
  improvements,
});
// the shape must name every input of the lifecycle, and nothing else
const _everyKey: Record<(typeof reviewInputKeys)[number], unknown> = inputsShape.shape;
void _everyKey;

/**
 * The shape's version, frozen with the inputs so that an older copy is known as one (inputs/lenient.ts):
 * 2 added the complaints' count and list; 3 the suppliers' noteKey.
 */
export const INPUTS_VERSION = 3;

/** The inputs as assembled at one moment, with the periods they cover: what is frozen when a review is held. */
export const assembledShape = z.object({
  schemaVersion: z.number().int().describe('The shape the inputs were assembled (and frozen) in'),
  period,
  previousPeriod: period.describe('The period of the same length before it, for trends'),
  assembledAt: z.string(),
  inputs: inputsShape,
});

export const reviewInputsShape = assembledShape.extend({
  reviewId: z.uuid(),
  code: z.string(),
  frozen: z
    .boolean()
    .describe('true once the review is held: the figures as they were at the meeting, not today’s'),
  commentary: z.record(z.string(), z.string()),
});

export type ReviewInputs = z.infer<typeof inputsShape>;
export type AssembledInputs = z.infer<typeof assembledShape>;
export type ReviewInputsView = z.infer<typeof reviewInputsShape>;
export type AgreementLevel = z.infer<typeof agreementLevel>;
export type FindingCounts = z.infer<typeof findingCounts>;
export type Flow = z.infer<typeof flow>;
