import type { Role } from '../../kernel/access/roles.ts';

/** Who records changes and carries them out: the provider's technical and process staff. */
export const changeWorkers: readonly Role[] = [
  'change_manager',
  'resolver',
  'service_desk_agent',
  'incident_manager',
  'problem_manager',
  'configuration_manager',
  'service_owner',
];

/**
 * The change authority for normal and emergency changes (ISO/IEC 20000-1 8.5.1.3): the change manager, or
 * top management. A standard change is pre-authorised: any change worker approves it.
 */
export const changeAuthority: readonly Role[] = ['change_manager', 'top_management'];

/** Everyone who may record a change and take its steps: the workers and the authority. */
export const changeRecorders: readonly Role[] = [...new Set([...changeWorkers, ...changeAuthority])];
