import type { Lifecycle } from '../../kernel/records/lifecycle.ts';

/**
 * The lifecycle of a policy's version (docs/governance.md), as data: a draft is submitted to its approvers,
 * who approve it or send it back; the owner publishes the approved version, which supersedes the one in
 * force; a version in force is withdrawn, saying why. Who may take each step is the policy's own rule
 * (policy.ts: its owner or top management, its approver roles but never the author); the commands refuse a
 * step this lifecycle does not allow from the version's state.
 */
export const policyStates = [
  'draft',
  'in_review',
  'approved',
  'published',
  'superseded',
  'withdrawn',
] as const;
export type PolicyState = (typeof policyStates)[number];

/** The state whose text may still be changed: a version in review or later keeps the text it was decided on. */
export const editableStates: readonly PolicyState[] = ['draft'];
/** The states of a version on its way to being published: a policy has at most one such version. */
export const openStates: readonly PolicyState[] = ['draft', 'in_review', 'approved'];

export const policyVersionLifecycle: Lifecycle<{ state: string }> = {
  initial: 'draft',
  states: policyStates,
  final: ['superseded', 'withdrawn'],
  transitions: [
    { name: 'submit', from: ['draft'], to: 'in_review' },
    { name: 'approve', from: ['in_review'], to: 'approved' },
    { name: 'reject', from: ['in_review'], to: 'draft', requires: ['comment'] },
    { name: 'publish', from: ['approved'], to: 'published' },
    { name: 'supersede', from: ['published'], to: 'superseded', byKeel: true },
    { name: 'withdraw', from: ['published'], to: 'withdrawn', requires: ['reason'] },
  ],
};
export type PolicyStep = 'submit' | 'approve' | 'reject' | 'publish' | 'supersede' | 'withdraw';

/** The state a version in `state` reaches by `step`, or null where the lifecycle has no such step. */
export function stepFrom(state: string | undefined, step: PolicyStep): PolicyState | null {
  const t = policyVersionLifecycle.transitions.find(
    (x) => x.name === step && !!state && x.from.includes(state),
  );
  return t ? (t.to as PolicyState) : null;
}
