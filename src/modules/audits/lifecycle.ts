import type { Lifecycle } from '../../kernel/records/lifecycle.ts';

/**
 * Audit programmes, audits, checklist answers and findings as data (docs/check-and-act.md); plain data, so the
 * web app shares them. Who may take a step is policy.ts's rule; the commands refuse a step not declared here.
 */
export const programmeStates = ['draft', 'approved', 'closed'] as const;
export type ProgrammeState = (typeof programmeStates)[number];

export const programmeLifecycle: Lifecycle<{ state: string }> = {
  initial: 'draft',
  states: programmeStates,
  final: ['closed'],
  transitions: [
    { name: 'approve', from: ['draft'], to: 'approved' },
    { name: 'close', from: ['approved'], to: 'closed' },
  ],
};

export const auditStates = ['planned', 'in_progress', 'reporting', 'completed', 'cancelled'] as const;
export type AuditState = (typeof auditStates)[number];

/**
 * planned → in progress (the checklist is answered) → reporting (the report is written and awaits approval)
 * → completed (report approved); cancelled from planned or in progress, with a reason.
 */
export const auditLifecycle: Lifecycle<{ state: string }> = {
  initial: 'planned',
  states: auditStates,
  final: ['completed', 'cancelled'],
  transitions: [
    { name: 'start', from: ['planned'], to: 'in_progress' },
    { name: 'report', from: ['in_progress'], to: 'reporting' },
    { name: 'reopen', from: ['reporting'], to: 'in_progress' },
    { name: 'approve', from: ['reporting'], to: 'completed' },
    { name: 'cancel', from: ['planned', 'in_progress'], to: 'cancelled' },
  ],
};

export const checklistAnswers = ['conformity', 'observation', 'finding', 'not_applicable'] as const;
export type ChecklistAnswer = (typeof checklistAnswers)[number];

export const findingKinds = ['major_nc', 'minor_nc', 'observation', 'ofi'] as const;
export type FindingKind = (typeof findingKinds)[number];

/** The kinds of finding that are nonconformities and so lead to a nonconformity work item. */
export const nonconformityKinds: readonly FindingKind[] = ['major_nc', 'minor_nc'];

/** How much a process risks (the planner's rating in the programme); it sets how often it is audited. */
export const riskLevels = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof riskLevels)[number];
/** A programme's risk per process, by the process register's key; a process left out is medium. */
export type ProcessRisks = Record<string, RiskLevel>;
