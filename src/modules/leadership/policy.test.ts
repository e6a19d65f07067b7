import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/access/roles.ts';
import { maySeeDashboard } from './policy.ts';

/** Who sees the leadership dashboard: role × outcome. */
const table: Array<[Role[], boolean]> = [
  [['top_management'], true],
  [['process_owner'], true],
  [['internal_auditor'], true],
  [['administrator'], true],
  [['service_desk_agent'], false],
  [['change_manager'], false],
  [['customer'], false],
];

describe('who sees the leadership dashboard', () => {
  it.each(table)('%s → %s', (roles, expected) => expect(maySeeDashboard({ roles })).toBe(expected));
});
