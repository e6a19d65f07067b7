import { holdsAny, isInternal } from '../../kernel/access/roles.ts';
import { registerWorkItemType } from '../../kernel/records/registry.ts';
import { seesAllWorkItems } from '../../kernel/records/visibility.ts';
import { NONCONFORMITY } from './commands/common.ts';
import { nonconformityEffects } from './commands/effects.ts';
import { nonconformityLifecycle } from './lifecycle.ts';
import { ncAnswerers, ncCreators, ncProcessOwners } from './policy.ts';

registerWorkItemType({
  type: NONCONFORMITY,
  prefix: 'NC',
  lifecycle: nonconformityLifecycle,
  // who fires which step is policy.ts's, asked by each effect with the nonconformity's facts (its owner and
  // its process's owner), so the shared transition route keeps the same rules as the module's own
  effects: nonconformityEffects,
  createRoles: ncCreators,
  // the provider's own improvement work: nobody outside reads it
  outsideReaders: 'nobody',
  // everyone inside discusses it (comments, attachments); the read-only auditor reaches only the audit-work
  // routes, which are the effectiveness check and the closing
  canWrite: (p) => isInternal(p),
  // a coarse gate without the process register: the module's own PATCH asks mayAnswer with the facts
  canEditFields: (p, item) =>
    holdsAny(p, [...ncAnswerers, ...ncProcessOwners]) || item.assigneeId === p.userId,
  canSeeInternal: seesAllWorkItems,
  ownRoutes: { create: '/api/v1/nonconformities', update: '/api/v1/nonconformities/{number}' },
});
