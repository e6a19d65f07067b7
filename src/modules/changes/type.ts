import { registerWorkItemType } from '../../kernel/records/registry.ts';
import { seesAllWorkItems } from '../../kernel/records/visibility.ts';
import { CHANGE, changeEffects } from './commands.ts';
import { changeLifecycle } from './lifecycle.ts';
import { changeRecorders, mayEditChange, mayWriteOnChange } from './policy.ts';

registerWorkItemType({
  type: CHANGE,
  prefix: 'CHG',
  lifecycle: changeLifecycle,
  effects: changeEffects,
  createRoles: changeRecorders,
  canWrite: (p) => mayWriteOnChange(p),
  canEditFields: (p) => mayEditChange(p),
  canSeeInternal: seesAllWorkItems,
  ownRoutes: { create: '/api/v1/changes', update: '/api/v1/changes/{number}' },
});
