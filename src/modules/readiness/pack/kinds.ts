/**
 * What each file of `records/` holds, and the clauses of ISO/IEC 20000-1 it evidences: a clause's page in
 * the pack links the files of the kinds filed under it, or under a clause above or below it (5.2 and 5.2.1).
 * The titles are the pack's own words (English: the pack is the auditor's, whatever the staff read).
 */
export type RecordKind = { title: string; clauses: readonly string[] };

export const recordKinds: Record<string, RecordKind> = {
  policies: { title: 'Policies and the plan, every version', clauses: ['5.1', '5.2', '6.3', '7.5'] },
  'policy-decisions': { title: 'Approvals of policy versions', clauses: ['5.1', '5.2.1', '6.3', '7.5'] },
  'policy-acknowledgements': { title: 'Acknowledgements of policies in force', clauses: ['5.2.2', '7.3'] },
  plan: { title: 'The service management plan', clauses: ['6.3'] },
  objectives: { title: 'Objectives', clauses: ['5.1', '6.2', '9.1'] },
  'objective-measurements': { title: 'Objectives measured per period', clauses: ['6.2', '9.1'] },
  'objective-reviews': { title: 'Reviews of objectives', clauses: ['6.2', '9.1'] },
  risks: { title: 'Risks and opportunities', clauses: ['6.1'] },
  'audit-programmes': { title: 'Audit programmes', clauses: ['9.2'] },
  audits: { title: 'Internal audits', clauses: ['9.2'] },
  findings: { title: 'Audit findings', clauses: ['9.2', '10.1', '10.2'] },
  nonconformities: { title: 'Nonconformities', clauses: ['10.1'] },
  'corrective-actions': { title: 'Corrective actions', clauses: ['10.1'] },
  improvements: { title: 'Improvement register', clauses: ['10.2'] },
  'management-reviews': { title: 'Management reviews', clauses: ['5.1', '9.3'] },
  'review-decisions': { title: 'Management review decisions', clauses: ['5.1', '9.3'] },
  'review-actions': { title: 'Management review actions', clauses: ['9.3'] },
  'sla-reports': { title: 'Service level figures per agreement', clauses: ['8.3.3', '8.3.4', '9.1', '9.4'] },
  changes: { title: 'Changes of the period', clauses: ['8.5.1'] },
  'cmdb-audits': { title: 'Configuration verification audits', clauses: ['8.2.6'] },
  'report-distributions': { title: 'Service reports sent', clauses: ['9.4'] },
};

/** Whether clause `a` is `b`, or one contains the other (5.2 and 5.2.1; not 5.2 and 5.21). */
export const clauseMeets = (a: string, b: string) =>
  a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

export const kindsOfClause = (clause: string) =>
  Object.keys(recordKinds).filter((k) => recordKinds[k]!.clauses.some((c) => clauseMeets(c, clause)));

/** A file name of the pack from a record's code: letters, digits, dot, dash and underscore only. */
export const fileStem = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[.]+/, '_')
    .slice(0, 80) || '_';
