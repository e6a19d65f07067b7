import type { Language } from '../../kernel/auth/users.ts';
import { clausesOf4and5 } from './clauses/context.ts';
import { clausesOf85to87 } from './clauses/delivery.ts';
import { clausesOf81to84 } from './clauses/operation.ts';
import { clausesOf6and7 } from './clauses/planning.ts';
import { clausesOf9and10 } from './clauses/review.ts';
import type { Clause, ClauseGroup, Words } from './clauses/types.ts';

export type { Clause, ClauseGroup, Words } from './clauses/types.ts';
export { clauseGroups } from './clauses/types.ts';

/**
 * The process register keys the clauses name. The register is the organisation's own (free keys), so these
 * are the keys Keel suggests and the demo uses; a process with another key simply matches no clause.
 */
export const processKeys = [
  'incident',
  'request',
  'problem',
  'change',
  'release',
  'service-design',
  'configuration',
  'asset',
  'service-portfolio',
  'service-catalogue',
  'service-level',
  'business-relationship',
  'supplier',
  'budgeting',
  'demand',
  'capacity',
  'availability',
  'continuity',
  'information-security',
  'knowledge',
] as const;

/** The headings of the clause groups, in our words. */
export const groupTitles: Record<ClauseGroup, Words> = {
  '4': {
    en: 'Context of the organisation',
    nl: 'Context van de organisatie',
    da: 'Organisationens kontekst',
  },
  '5': { en: 'Leadership', nl: 'Leiderschap', da: 'Lederskab' },
  '6': { en: 'Planning', nl: 'Planning', da: 'Planlægning' },
  '7': { en: 'Support', nl: 'Ondersteuning', da: 'Støtte' },
  '8': { en: 'Operation', nl: 'Uitvoering', da: 'Drift' },
  '9': { en: 'Performance evaluation', nl: 'Evaluatie van prestaties', da: 'Evaluering af præstationer' },
  '10': { en: 'Improvement', nl: 'Verbetering', da: 'Forbedring' },
};

/** Clauses 4.1 to 10.2 in the standard's order. */
export const clauses: readonly Clause[] = [
  ...clausesOf4and5,
  ...clausesOf6and7,
  ...clausesOf81to84,
  ...clausesOf85to87,
  ...clausesOf9and10,
];

export const clauseNumbers: readonly string[] = clauses.map((c) => c.number);

const byNumber = new Map(clauses.map((c) => [c.number, c]));

export const isClause = (n: string): boolean => byNumber.has(n);

export const clauseOf = (n: string): Clause | undefined => byNumber.get(n);

/** The clauses that concern a process of the register. */
export const clausesOfProcess = (processKey: string): Clause[] =>
  clauses.filter((c) => c.processes.includes(processKey.toLowerCase()));

export type ChecklistQuestion = { clause: string; question: string };

/**
 * An audit's checklist (9.2): the questions of each clause in scope and of every clause concerning a process
 * in scope, each clause once, in the standard's order. Unknown clause numbers and process keys add nothing.
 */
export const checklistFor = (
  scopeClauses: readonly string[],
  scopeProcesses: readonly string[],
  lang: Language,
): ChecklistQuestion[] => {
  const wanted = new Set(scopeClauses);
  const processes = new Set(scopeProcesses.map((p) => p.toLowerCase()));
  return clauses
    .filter((c) => wanted.has(c.number) || c.processes.some((p) => processes.has(p)))
    .flatMap((c) => c.questions.map((q) => ({ clause: c.number, question: q[lang] })));
};
