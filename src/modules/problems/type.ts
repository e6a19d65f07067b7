import { registerWorkItemType } from '../../kernel/records/registry.ts';
import { seesAllWorkItems } from '../../kernel/records/visibility.ts';
import { PROBLEM, problemEffects } from './commands.ts';
import { problemLifecycle } from './lifecycle.ts';
import { mayManageProblems, mayWriteOnProblem, problemManagers } from './policy.ts';

registerWorkItemType({
  type: PROBLEM,
  prefix: 'PRB',
  lifecycle: problemLifecycle,
  effects: problemEffects,
  createRoles: problemManagers,
  // problems are the provider's own work: nobody outside reads them (a workaround reaches a customer only
  // as a public note on their incident)
  outsideReaders: 'nobody',
  canWrite: (p) => mayWriteOnProblem(p),
  canEditFields: (p) => mayManageProblems(p),
  canSeeInternal: seesAllWorkItems,
  ownRoutes: { create: '/api/v1/problems', update: '/api/v1/problems/{number}' },
});
