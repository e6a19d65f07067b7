export type { ChecklistQuestion, Clause, ClauseGroup, Words } from './clauses.ts';
export {
  checklistFor,
  clauseGroups,
  clauseNumbers,
  clauseOf,
  clauses,
  clausesOfProcess,
  isClause,
  processKeys,
} from './clauses.ts';
