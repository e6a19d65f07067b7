import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, internalRoles, type Role, staffRoles } from '../../kernel/access/roles.ts';

/**
 * Who may do what with risks and opportunities (ISO/IEC 20000-1 6.1): everyone inside the provider reads the
 * register; the staff record risks; a risk's owner, process owners and top management change it and plan its
 * treatment; an action is ticked off by its responsible person too; top management alone sets the criteria
 * and accepts a risk above the acceptable level.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;

/** Who reads the register, the heat map and the criteria. */
export const riskReaders: readonly Role[] = internalRoles;
/** Who records risks and opportunities. */
export const riskRecorders: readonly Role[] = staffRoles;
/** Who keeps every risk besides its owner. */
export const riskKeepers: readonly Role[] = ['process_owner', 'top_management'];
/** Who sets how risks are scored and what is acceptable. */
export const criteriaSetters: readonly Role[] = ['top_management'];
/** Whose word accepts a risk whose residual score is above the acceptable level. */
export const riskAcceptors: readonly Role[] = ['top_management'];

/** How a risk or an opportunity may be treated. */
export const treatments = ['avoid', 'reduce', 'transfer', 'accept', 'exploit', 'enhance', 'share'] as const;
export type Treatment = (typeof treatments)[number];
export const treatmentsFor: Record<'risk' | 'opportunity', readonly Treatment[]> = {
  risk: ['avoid', 'reduce', 'transfer', 'accept'],
  opportunity: ['exploit', 'enhance', 'share', 'accept'],
};

/** A score: likelihood × impact, each on a scale of 1–5. */
export const score = (likelihood: number, impact: number) => likelihood * impact;

export const mayRecordRisks = (who: Who) => holdsAny(who, riskRecorders);
export const maySetRiskCriteria = (who: Who) => holdsAny(who, criteriaSetters);
export const mayAcceptAboveLevel = (who: Who) => holdsAny(who, riskAcceptors);

/** Only a risk's owner, a process owner or top management change it or plan its treatment. */
export const mayEditRisk = (who: Who, risk: { ownerId: string }) =>
  risk.ownerId === who.userId || holdsAny(who, riskKeepers);

/** A treatment action is ticked off (or opened again) by its responsible person, or whoever keeps the risk. */
export const mayTickRiskAction = (
  who: Who,
  risk: { ownerId: string },
  action: { responsibleId: string | null },
) => (!!action.responsibleId && action.responsibleId === who.userId) || mayEditRisk(who, risk);
