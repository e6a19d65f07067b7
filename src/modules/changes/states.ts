/** A change's states, kinds, risks and outcomes (docs/changes.md); plain data, so the web app shares them. */
export const changeStates = [
  'new',
  'assessment',
  'approved',
  'implementing',
  'review',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type ChangeState = (typeof changeStates)[number];

/** Standard: pre-authorised and low risk; normal: assessed and approved by the change authority; emergency: now. */
export const changeKinds = ['standard', 'normal', 'emergency'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export const changeRisks = ['low', 'medium', 'high'] as const;
export type ChangeRisk = (typeof changeRisks)[number];

/** How an implemented change ended: what the change success rate counts. */
export const changeOutcomes = ['successful', 'failed', 'backed_out'] as const;
export type ChangeOutcome = (typeof changeOutcomes)[number];
