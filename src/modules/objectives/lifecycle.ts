/**
 * Where an objective stands (ISO/IEC 20000-1 6.2), as data: nobody moves an objective from state to state, its
 * status follows from its deadline (a calendar day, UTC) and its latest value against the target. Up to and
 * on the deadline it is on track or at risk; from the day after, achieved or missed; without a value it is
 * not measured yet, and missed once the deadline has passed. kpis.ts reads this table.
 */
export const objectiveStatuses = ['on_track', 'at_risk', 'missed', 'achieved', 'not_measured'] as const;
export type Status = (typeof objectiveStatuses)[number];

export const statusTable: Record<'open' | 'past', Record<'meets' | 'misses' | 'unmeasured', Status>> = {
  open: { meets: 'on_track', misses: 'at_risk', unmeasured: 'not_measured' },
  past: { meets: 'achieved', misses: 'missed', unmeasured: 'missed' },
};
