import type { Actor } from '../../kernel/access/actor.ts';
import { holdsAny, internalRoles, type Role, staffRoles } from '../../kernel/access/roles.ts';

/**
 * Who may do what with objectives (ISO/IEC 20000-1 6.2): everyone inside the provider reads them; process
 * owners and top management set them; each one is kept by its owner, whatever their access role, or by top
 * management; an action of its plan is ticked off by its responsible person too.
 */
type Who = Pick<Actor, 'userId' | 'roles'>;

/** Who reads objectives: everyone who works in the service management system, the auditor too. */
export const objectiveReaders: readonly Role[] = internalRoles;
/** Who sets objectives: process owners and top management. */
export const objectiveSetters: readonly Role[] = ['process_owner', 'top_management'];
/** Who may reach an objective's writes at all; the objective's own rule (mayKeepObjective) then decides. */
export const objectiveWorkers: readonly Role[] = staffRoles;
/** Who keeps every objective besides its owner. */
export const objectiveOverseers: readonly Role[] = ['top_management'];

/** The KPIs an objective can be measured by (computed in kpis.ts; the process register names them too). */
export const kpiKeys = [
  'incidents_resolved_in_sla',
  'incidents_responded_in_sla',
  'major_incidents',
  'customer_satisfaction',
  'change_success_rate',
  // problem management's (problems/kpis.ts computes them)
  'open_problems',
  'problem_age_days',
  'known_errors_with_workaround',
  'incidents_resolved_by_known_error',
] as const;
export type KpiKey = (typeof kpiKeys)[number];

export const maySetObjectives = (who: Who) => holdsAny(who, objectiveSetters);

/** The owner of an objective, or top management, changes it, records its values, plans and reviews it. */
export const mayKeepObjective = (who: Who, objective: { ownerId: string }) =>
  objective.ownerId === who.userId || holdsAny(who, objectiveOverseers);

/** An action of the plan is ticked off by its responsible person, or by whoever keeps the objective. */
export const mayTickObjectiveAction = (
  who: Who,
  objective: { ownerId: string },
  action: { responsibleId: string | null },
) => (!!action.responsibleId && action.responsibleId === who.userId) || mayKeepObjective(who, objective);
