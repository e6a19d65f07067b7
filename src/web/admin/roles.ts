import type { Role } from '../types.ts';

export const allRoles: Role[] = [
  'administrator',
  'top_management',
  'service_owner',
  'process_owner',
  'service_desk_agent',
  'resolver',
  'incident_manager',
  'problem_manager',
  'change_manager',
  'configuration_manager',
  'service_level_manager',
  'internal_auditor',
  'customer',
];
