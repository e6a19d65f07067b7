import { internalRoles, type Role } from '../../kernel/access/roles.ts';

/**
 * The service management plan (ISO/IEC 20000-1 6.3) is a policy document of kind `plan`: it is written,
 * approved and published by the policies module's rules. What this module adds: everyone inside the provider
 * reads the plan as the records would assemble it, and its author alone writes the parts below.
 */

/** Who reads the plan and its preview. */
export const planReaders: readonly Role[] = internalRoles;

/** The parts of the service management plan only its author can write; the rest is assembled from records. */
export const planNoteKeys = [
  'introduction',
  'limitations',
  'resources',
  'technology',
  'improvement',
] as const;
export type PlanNoteKey = (typeof planNoteKeys)[number];
