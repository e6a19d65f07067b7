/**
 * A badge's styles that never cut its label short: a table cell would otherwise squeeze a state or type
 * badge to an ellipsis ("UNDE…").
 */
export const wholeBadge = {
  root: { overflow: 'visible', maxWidth: 'none' },
  label: { overflow: 'visible' },
} as const;
