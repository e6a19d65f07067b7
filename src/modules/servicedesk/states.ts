/** An incident's states (the lifecycle in lifecycle.ts); plain data, so the web app shares them. */
export const incidentStates = [
  'new',
  'assigned',
  'in_progress',
  'pending',
  'resolved',
  'closed',
  'cancelled',
] as const;
