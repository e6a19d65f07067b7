/** The parts of the service management plan only its author can write; the rest is assembled from records. */
export const planNoteKeys = [
  'introduction',
  'limitations',
  'resources',
  'technology',
  'improvement',
] as const;
export type PlanNotes = Partial<Record<(typeof planNoteKeys)[number], string>>;
