import type { Language } from '../../../kernel/auth/users.ts';

/** A text in each language Keel speaks. */
export type Words = Record<Language, string>;

export const clauseGroups = ['4', '5', '6', '7', '8', '9', '10'] as const;
export type ClauseGroup = (typeof clauseGroups)[number];

/**
 * One clause of ISO/IEC 20000-1:2018 as Keel ships it: its number, our own short paraphrase of what it asks
 * (never the standard's text, which is copyrighted), the processes of the process register it concerns (by
 * key), the questions an internal auditor asks about it, and the evidence rules (rules.ts) that evidence it.
 */
export type Clause = {
  number: string;
  group: ClauseGroup;
  title: Words;
  description: Words;
  /** Process register keys; empty for clauses that concern the management system as a whole. */
  processes: readonly string[];
  questions: readonly Words[];
  rules: readonly string[];
};
