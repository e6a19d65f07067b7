import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, internalRoles, type Role, staffRoles } from '../../kernel/access/roles.ts';

/**
 * Who may do what with the improvement register (ISO/IEC 20000-1 10.2, docs/check-and-act.md): everyone
 * inside the provider reads it; any member of the staff proposes an opportunity (and the internal auditor,
 * whose finding is an opportunity for improvement, through the audit work); process owners and top
 * management evaluate, approve or reject, and set the criteria; an improvement's owner runs it (plan,
 * start, realise, withdraw) with them; an action is ticked off by its responsible person too.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;

export const improvementReaders: readonly Role[] = internalRoles;
export const improvementProposers: readonly Role[] = staffRoles;
/** Who keeps the register: evaluate, decide, and run any improvement. */
export const improvementKeepers: readonly Role[] = ['process_owner', 'top_management'];
/** Who sets the criteria opportunities are scored by. */
export const criteriaKeepers: readonly Role[] = ['process_owner', 'top_management'];
/** The auditor, whose opportunity-for-improvement findings enter the register through the audit work. */
export const auditProposers: readonly Role[] = ['internal_auditor'];

export type ImprovementFacts = { ownerId: string | null; createdBy: string | null };

export const mayReadImprovements = (who: Pick<Who, 'roles'>) => holdsAny(who, improvementReaders);
export const mayPropose = (who: Pick<Who, 'roles'>) => holdsAny(who, improvementProposers);
/** "An audit's opportunity for improvement is proposed by the audit team, in the audit work." */
export const mayProposeFromAudit = (who: Pick<Who, 'roles'>) =>
  holdsAny(who, [...improvementProposers, ...auditProposers]);
export const maySetCriteria = (who: Pick<Who, 'roles'>) => holdsAny(who, criteriaKeepers);

/** "Process owners and top management evaluate opportunities and approve or reject them, with a reason." */
export const mayEvaluate = (who: Pick<Who, 'roles'>) => holdsAny(who, improvementKeepers);

const is = (who: Who, id: string | null) => !!who.userId && who.userId === id;

/** "An improvement's owner runs it (plan, start, realise, withdraw), and so do the register's keepers." */
export const mayRun = (who: Who, imp: ImprovementFacts) => is(who, imp.ownerId) || mayEvaluate(who);

/** "Whoever proposed it may still reword it while it is only proposed; its owner and the keepers always." */
export const mayEdit = (who: Who, imp: ImprovementFacts & { state: string }) =>
  mayRun(who, imp) || (imp.state === 'proposed' && is(who, imp.createdBy));

/**
 * "Whoever proposed it, or its owner, may withdraw it or propose it again while it is only proposed (or
 * rejected); once approved, the decision is the evaluators' to undo." An owner who is an evaluator may.
 */
export const mayWithdraw = (who: Who, imp: ImprovementFacts & { state: string }) =>
  mayEvaluate(who) ||
  (['proposed', 'rejected'].includes(imp.state) && (is(who, imp.ownerId) || is(who, imp.createdBy)));

/** "Scores are the evaluation: given or changed by the evaluators, while it is proposed." */
export const mayScore = (who: Pick<Who, 'roles'>, imp: { state: string }) =>
  mayEvaluate(who) && imp.state === 'proposed';

/** "An action of its plan is ticked off by its responsible person, or whoever runs the improvement." */
export const mayTickImprovementAction = (
  who: Who,
  imp: ImprovementFacts,
  action: { responsibleId: string | null },
) => is(who, action.responsibleId) || mayRun(who, imp);

/** Who fires a step: deciding is the evaluators'; withdrawing and reproposing the proposer's too; the rest the runners'. */
export function mayStep(who: Who, imp: ImprovementFacts & { state: string }, step: string): boolean {
  if (step === 'approve' || step === 'reject') return mayEvaluate(who);
  if (step === 'withdraw' || step === 'repropose') return mayWithdraw(who, imp);
  return mayRun(who, imp);
}
