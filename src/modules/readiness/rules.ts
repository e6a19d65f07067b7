import { clauses } from './clauses.ts';
import { governanceRules } from './rules/governance.ts';
import { operationRules } from './rules/operation.ts';
import { reviewRules } from './rules/review.ts';
import type { EvidenceRule } from './rules/types.ts';

export type { EvidenceRule, RuleCount, RuleWindow } from './rules/types.ts';

/** Every evidence rule Keel ships (docs/check-and-act.md), in the order of the clauses they evidence. */
export const evidenceRules: readonly EvidenceRule[] = [...governanceRules, ...operationRules, ...reviewRules];

const byKey = new Map(evidenceRules.map((r) => [r.key, r]));

export const ruleOf = (key: string): EvidenceRule | undefined => byKey.get(key);

/** The clauses a rule evidences: the clause register says which rules evidence each clause. */
export const clausesOfRule = (key: string): string[] =>
  clauses.filter((c) => c.rules.includes(key)).map((c) => c.number);
