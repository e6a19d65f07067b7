import { isStaff } from '../../kernel/access/roles.ts';
import { registerWorkItemType } from '../../kernel/records/registry.ts';
import { seesAllWorkItems, visibleTo } from '../../kernel/records/visibility.ts';
import { CHANGE, changeEffects } from './changes.ts';
import { changeLifecycle } from './lifecycle.ts';
import { changeRecorders } from './policy.ts';

const works = (roles: readonly string[]) =>
  roles.some((r) => (changeRecorders as readonly string[]).includes(r));

registerWorkItemType({
  type: CHANGE,
  prefix: 'CHG',
  lifecycle: changeLifecycle,
  effects: changeEffects,
  createRoles: changeRecorders,
  canRead: visibleTo,
  canWrite: (p) => isStaff(p),
  canEditFields: (p) => works(p.roles),
  canSeeInternal: seesAllWorkItems,
  ownRoutes: { create: '/api/v1/changes', update: '/api/v1/changes/{number}' },
});
