/** A service request's states (the lifecycle in lifecycle.ts); plain data, so the web app shares them. */
export const requestStates = [
  'new',
  'awaiting_approval',
  'in_fulfilment',
  'fulfilled',
  'closed',
  'rejected',
  'cancelled',
] as const;
