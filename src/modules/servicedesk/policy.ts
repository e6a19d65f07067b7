import type { Role } from '../../kernel/access/roles.ts';

/** Service desk staff who record and work incidents. */
export const workers: readonly Role[] = ['service_desk_agent', 'resolver', 'incident_manager'];
