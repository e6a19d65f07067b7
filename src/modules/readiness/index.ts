import type { KeelModule } from '../../kernel/http/app.ts';
import { readinessRoutes } from './routes.ts';

export type { ChecklistQuestion, Clause, ClauseGroup, Words } from './clauses.ts';
export {
  checklistFor,
  clauseGroups,
  clauseNumbers,
  clauseOf,
  clauses,
  clausesOfProcess,
  groupTitles,
  isClause,
  processKeys,
} from './clauses.ts';
export { createRequirement, decideApplicability } from './commands.ts';
/** The evidence pack, for the command line (its route plugin, `evidencePackRoutes`, for the module's routes). */
export * from './pack/index.ts';
export { readinessFor } from './queries.ts';
export type { ClauseStatus, RuleStatus } from './readiness.ts';
export { clausesOfRule, evidenceRules, ruleOf } from './rules.ts';
export type {
  ClauseReadiness,
  GroupReadiness,
  OwnRequirementView,
  Readiness,
  RequirementInput,
  RequirementPatch,
  RuleResult,
  RuleSetting,
} from './shapes.ts';

/**
 * The clause register and readiness (ISO/IEC 20000-1 4–10, docs/check-and-act.md): which clauses apply,
 * the organisation's own requirements, the evidence rules and, per clause, the status its evidence earns.
 */
export const readinessModule: KeelModule = { name: 'readiness', routes: readinessRoutes };
