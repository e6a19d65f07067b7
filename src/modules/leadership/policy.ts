import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, type Role } from '../../kernel/access/roles.ts';

/** Who sees the leadership dashboard: top management, the head of service management, and those who check. */
export const leaders: readonly Role[] = [
  'top_management',
  'process_owner',
  'internal_auditor',
  'administrator',
];

export const maySeeDashboard = (who: Pick<Actor, 'roles'>) => holdsAny(who, leaders);
