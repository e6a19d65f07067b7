import { z } from 'zod';
import { languages } from '../../kernel/auth/users.ts';
import { pageOf, pageQuery } from '../../kernel/http/pagination.ts';
import { commaList, day } from '../../kernel/http/params.ts';
import { auditStates, checklistAnswers, findingKinds, programmeStates, riskLevels } from './lifecycle.ts';

/** What the audits API takes and answers, declared once: the routes validate and encode, the web reads types. */
const required = { error: 'is required' };
const title = z.string(required).trim().min(1, required).max(200);
const longText = z.string().max(20_000);
const clause = z
  .string()
  .trim()
  .regex(/^\d{1,2}(\.\d{1,2}){0,3}$/, { error: 'must be a clause number such as 8.5.1' });
const processKey = z.string().trim().min(1).max(60);
const person = z.object({ id: z.uuid(), name: z.string().nullable() });

export const evidenceRef = z.object({
  kind: z
    .enum(['record', 'link', 'attachment'])
    .describe('A record in Keel by its number or code (CHG-000012, RSK-004), an address, or a file'),
  ref: z.string(required).trim().min(1, required).max(500),
  label: z.string().trim().max(200).default(''),
});

// ---- programmes

export const programmeBody = z.object({
  title,
  cycleStart: day,
  cycleEnd: day,
  objectives: longText.optional(),
  method: longText.optional(),
  ownerId: z.uuid(),
});
export const programmePatch = programmeBody.partial();
export const processRiskBody = z.object({
  processRisk: z
    .record(processKey, z.enum(riskLevels))
    .describe('Each process’s risk by its key in the process register; a process left out is medium'),
});
export const programmeListQuery = pageQuery.extend({
  state: commaList(z.enum(programmeStates)).optional(),
});
export const noteBody = z.object({ note: z.string().trim().max(2000).default('') });

export const programmeShape = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  cycleStart: z.string().describe('YYYY-MM-DD'),
  cycleEnd: z.string().describe('YYYY-MM-DD'),
  objectives: z.string(),
  method: z.string(),
  ownerId: z.uuid(),
  owner: z.string().nullable().describe('The owner’s name'),
  state: z.enum(programmeStates),
  approvedBy: z.string().nullable().describe('Who in top management approved it'),
  approvedAt: z.string().nullable(),
  audits: z.number().int().describe('Audits planned in it, cancelled ones not counted'),
  processRisk: z.record(z.string(), z.enum(riskLevels)).describe('Risk per process key; left out = medium'),
  version: z.number().int(),
});
export const programmeListShape = pageOf(programmeShape);

const auditRow = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  state: z.enum(auditStates),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  leadAuditor: z.string().nullable(),
  scopeClauses: z.array(z.string()),
  scopeProcesses: z.array(z.string()),
});
export const programmeDetailShape = programmeShape.extend({
  abilities: z
    .object({
      edit: z.boolean().describe('Change it (while a draft)'),
      approve: z.boolean(),
      close: z.boolean(),
      planAudits: z.boolean().describe('Plan an audit in it'),
      rateRisk: z.boolean().describe('Rate its processes’ risk (draft or approved)'),
    })
    .describe('What you may do with it now, by the rules in audits/policy.ts'),
  auditList: z.array(auditRow).describe('Its audits by planned start'),
});

const covering = z.array(
  z.object({ id: z.uuid(), code: z.string(), state: z.enum(auditStates), plannedStart: z.string() }),
);
export const coverageShape = z.object({
  cycleStart: z.string(),
  cycleEnd: z.string(),
  clauses: z.array(
    z.object({
      clause: z.string(),
      title: z.string(),
      applicable: z
        .boolean()
        .describe('False when the organisation marked it not applicable: then it is no gap'),
      audits: covering,
      covered: z.boolean(),
    }),
  ),
  processes: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      audits: covering.describe('Its audits planned in the cycle, cancelled ones aside'),
      covered: z.boolean(),
      risk: z.enum(riskLevels).describe('As the programme rates it; medium when unrated'),
      lastAudited: z
        .string()
        .nullable()
        .describe('YYYY-MM-DD: when its last completed audit (any programme) started; null if never'),
      lastAudit: z.object({ id: z.uuid(), code: z.string() }).nullable(),
      lastFindings: z
        .object(
          Object.fromEntries(findingKinds.map((k) => [k, z.number().int()])) as Record<
            (typeof findingKinds)[number],
            z.ZodNumber
          >,
        )
        .describe('That audit’s findings about it, by kind'),
      intervalMonths: z.number().int().describe('How often it is audited, by risk and past results'),
      nextDue: z.string().describe('YYYY-MM-DD: last audited (or the cycle’s start) plus the interval'),
      gap: z
        .boolean()
        .describe('Due within the cycle with no audit of it planned by then, or not audited in the cycle'),
    }),
  ),
  gaps: z
    .object({ clauses: z.array(z.string()), processes: z.array(z.string()) })
    .describe(
      'Clauses no audit of the programme (cancelled ones aside) covers in its cycle (those marked not applicable are no gap); processes whose `gap` is true',
    ),
});
export const calendarShape = z.object({
  cycleStart: z.string(),
  cycleEnd: z.string(),
  items: z.array(auditRow.extend({ team: z.array(z.string()) })),
});

// ---- audits

const auditFields = {
  title,
  scopeClauses: z.array(clause).max(200).default([]),
  scopeProcesses: z.array(processKey).max(60).default([]),
  scopeServiceIds: z.array(z.uuid()).max(100).default([]),
  criteria: longText.default(''),
  leadAuditorId: z.uuid(),
  teamIds: z.array(z.uuid()).max(30).default([]),
  auditeeIds: z.array(z.uuid()).max(60).default([]),
  plannedStart: day,
  plannedEnd: day,
};
export const auditBody = z.object({
  programmeId: z.uuid().nullable().optional(),
  ...auditFields,
  language: z
    .enum(languages)
    .optional()
    .describe('The language of the checklist questions (the planner’s own by default)'),
});
export const auditPatch = z
  .object({
    programmeId: z.uuid().nullable(),
    title,
    scopeClauses: z.array(clause).max(200),
    scopeProcesses: z.array(processKey).max(60),
    scopeServiceIds: z.array(z.uuid()).max(100),
    criteria: longText,
    leadAuditorId: z.uuid(),
    teamIds: z.array(z.uuid()).max(30),
    auditeeIds: z.array(z.uuid()).max(60),
    plannedStart: day,
    plannedEnd: day,
    summary: longText,
    conclusion: longText,
  })
  .partial();
export const auditListQuery = pageQuery.extend({
  programme: z.uuid().optional(),
  state: commaList(z.enum(auditStates)).optional(),
  from: day.optional().describe('Audits planned to end on or after this day'),
  to: day.optional().describe('Audits planned to start on or before this day'),
});
export const reportBody = z.object({ summary: longText.optional(), conclusion: longText.optional() });
export const cancelBody = z.object({ reason: z.string(required).trim().min(1, required).max(2000) });

export const checklistItemShape = z.object({
  id: z.uuid(),
  clause: z.string(),
  position: z.number().int(),
  question: z.string(),
  answer: z.enum(checklistAnswers).nullable(),
  notes: z.string(),
  evidence: z.array(evidenceRef),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  version: z.number().int(),
});

export const auditShape = z.object({
  id: z.uuid(),
  code: z.string(),
  programmeId: z.uuid().nullable(),
  programmeCode: z.string().nullable(),
  title: z.string(),
  scopeClauses: z.array(z.string()),
  scopeProcesses: z.array(z.string()),
  scopeServiceIds: z.array(z.uuid()),
  criteria: z.string(),
  leadAuditorId: z.uuid(),
  leadAuditor: z.string().nullable(),
  teamIds: z.array(z.uuid()),
  auditeeIds: z.array(z.uuid()),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  startedAt: z.string().nullable(),
  state: z.enum(auditStates),
  summary: z.string(),
  conclusion: z.string(),
  reportedAt: z.string().nullable(),
  approvedBy: z.string().nullable().describe('Who approved the report'),
  approvedAt: z.string().nullable(),
  cancelReason: z.string(),
  checklistItems: z.number().int(),
  answered: z.number().int(),
  findings: z.number().int(),
  version: z.number().int(),
});
export const auditListShape = pageOf(auditShape);

export const findingRow = z.object({
  id: z.uuid(),
  code: z.string(),
  auditId: z.uuid().nullable(),
  auditCode: z.string().nullable(),
  checklistItemId: z.uuid().nullable(),
  kind: z.enum(findingKinds),
  clause: z.string(),
  processKey: z.string().nullable(),
  title: z.string(),
  statement: z.string(),
  evidence: z.array(evidenceRef),
  raisedBy: z.string().nullable(),
  raisedAt: z.string(),
  nonconformityId: z.uuid().nullable().describe('The nonconformity work item raised from it'),
  nonconformityNumber: z.string().nullable(),
  improvementId: z.uuid().nullable().describe('The entry of the improvement register it became'),
  version: z.number().int(),
});
export const findingListShape = pageOf(findingRow);

export const auditDetailShape = auditShape.extend({
  team: z.array(person),
  auditees: z.array(person),
  services: z.array(person),
  checklist: z.array(checklistItemShape),
  findingList: z.array(findingRow),
  abilities: z
    .object({
      editPlan: z.boolean(),
      editChecklist: z.boolean(),
      answer: z.boolean().describe('Answer the checklist and raise findings (its team, while in progress)'),
      start: z.boolean(),
      report: z.boolean(),
      reopen: z.boolean(),
      approve: z.boolean(),
      cancel: z.boolean(),
    })
    .describe('What you may do with it now, by the rules in audits/policy.ts'),
});

/**
 * The most questions an audit's checklist holds: what one reorder names at once, and more than the whole
 * clause register asks (adding or generating beyond it is a field error).
 */
export const checklistLimit = 1000;

export const checklistAddBody = z.object({
  clause,
  question: z.string(required).trim().min(1, required).max(2000),
  position: z
    .number()
    .int()
    .min(1)
    .max(checklistLimit)
    .optional()
    .describe('Where it goes (1 = first); last if left out'),
});
export const checklistPatch = z
  .object({
    clause,
    question: z.string().trim().min(1, required).max(2000),
    answer: z.enum(checklistAnswers).nullable(),
    notes: longText,
    evidence: z.array(evidenceRef).max(50),
  })
  .partial();
export const checklistOrderBody = z.object({
  itemIds: z.array(z.uuid()).max(checklistLimit).describe('Every item of the checklist, in the new order'),
});
export const checklistShape = z.object({ items: z.array(checklistItemShape) });

// ---- findings

export const findingBody = z.object({
  auditId: z.uuid(),
  checklistItemId: z.uuid().nullable().optional(),
  kind: z.enum(findingKinds),
  clause: clause.optional().describe('The clause; the checklist item’s when left out'),
  processKey: processKey.nullable().optional(),
  title,
  statement: longText.default(''),
  evidence: z.array(evidenceRef).max(50).default([]),
  toImprovements: z
    .boolean()
    .default(false)
    .describe('For an opportunity for improvement: propose it to the improvement register at once'),
});
export const findingListQuery = pageQuery.extend({
  audit: z.uuid().optional(),
  kind: commaList(z.enum(findingKinds)).optional(),
  clause: clause.optional(),
});

export type ProgrammeInput = z.infer<typeof programmeBody>;
export type ProgrammePatch = z.infer<typeof programmePatch>;
export type ProcessRiskInput = z.infer<typeof processRiskBody>;
export type ProgrammeView = z.infer<typeof programmeShape>;
export type ProgrammeDetail = z.infer<typeof programmeDetailShape>;
export type Coverage = z.infer<typeof coverageShape>;
export type Calendar = z.infer<typeof calendarShape>;
export type AuditInput = z.infer<typeof auditBody>;
export type AuditPatch = z.infer<typeof auditPatch>;
export type AuditView = z.infer<typeof auditShape>;
export type AuditDetail = z.infer<typeof auditDetailShape>;
export type ChecklistItemView = z.infer<typeof checklistItemShape>;
export type ChecklistAdd = z.infer<typeof checklistAddBody>;
export type ChecklistPatch = z.infer<typeof checklistPatch>;
export type FindingInput = z.infer<typeof findingBody>;
export type FindingView = z.infer<typeof findingRow>;
export type EvidenceInput = z.infer<typeof evidenceRef>;
