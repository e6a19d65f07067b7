import type {
  AuditState,
  ChecklistAnswer,
  FindingKind,
  ProgrammeState,
} from '../../modules/audits/lifecycle.ts';

/**
 * Colours of the audits' states, answers and finding kinds. Colour is never the only sign: every badge
 * carries its word too.
 */
export const programmeColour: Record<ProgrammeState, string> = {
  draft: 'gray',
  approved: 'green',
  closed: 'dark',
};

export const auditColour: Record<AuditState, string> = {
  planned: 'blue',
  in_progress: 'orange',
  reporting: 'violet',
  completed: 'green',
  cancelled: 'gray',
};

export const answerColour: Record<ChecklistAnswer, string> = {
  conformity: 'green',
  observation: 'yellow',
  finding: 'red',
  not_applicable: 'gray',
};

export const kindColour: Record<FindingKind, string> = {
  major_nc: 'red',
  minor_nc: 'orange',
  observation: 'yellow',
  ofi: 'teal',
};

/** Clause numbers in the register's order: 4.1 before 4.2 before 10.1, 8.5.1 before 8.10. */
export const byClause = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
};
