import { addMonthsTo } from '../../kernel/days.ts';

/**
 * The readiness rules of docs/check-and-act.md as pure functions: a rule's status from what it found, a
 * clause's from its rules, and the roll-up of clauses into groups and one readiness figure.
 */

export const ruleStatuses = ['met', 'stale', 'missing'] as const;
export type RuleStatus = (typeof ruleStatuses)[number];
export const clauseStatuses = ['evidenced', 'stale', 'missing', 'not_applicable'] as const;
export type ClauseStatus = (typeof clauseStatuses)[number];

export type Found = {
  /** Records in the window, or the percentage met for a share rule. */
  count: number;
  /** Records up to `at`, or what a share rule is taken over. */
  total: number;
  /** The newest evidence's date: none means nothing was ever recorded (a share over records without any). */
  newest: Date | null;
  notRun?: boolean;
};

/**
 * A rule found nothing at all (no dated evidence, or a process Keel does not run): missing. It found
 * something and enough of it is in its window (or a share reaches its minimum): met. Otherwise: stale.
 */
export function ruleStatus(found: Found, minCount: number): RuleStatus {
  if (found.notRun || found.total <= 0 || !found.newest) return 'missing';
  return found.count >= minCount ? 'met' : 'stale';
}

/**
 * Not applicable when the organisation said so; missing when any rule found nothing; stale when every rule
 * found something but one is not met; evidenced when every rule is met. A clause without rules has no
 * evidence to show and is missing.
 */
export function clauseStatus(applicable: boolean, rules: readonly RuleStatus[]): ClauseStatus {
  if (!applicable) return 'not_applicable';
  if (!rules.length || rules.includes('missing')) return 'missing';
  return rules.includes('stale') ? 'stale' : 'evidenced';
}

export type RollUp = {
  evidenced: number;
  stale: number;
  missing: number;
  notApplicable: number;
  applicable: number;
  /** (evidenced + stale / 2) over the applicable clauses, as a whole percentage; null when none applies. */
  figure: number | null;
};

/** Clauses rolled up: a group's figure and the one readiness figure are the same sum (stale counts half). */
export function rollUp(statuses: readonly ClauseStatus[]): RollUp {
  const n = (s: ClauseStatus) => statuses.filter((x) => x === s).length;
  const evidenced = n('evidenced');
  const stale = n('stale');
  const missing = n('missing');
  const applicable = evidenced + stale + missing;
  return {
    evidenced,
    stale,
    missing,
    notApplicable: n('not_applicable'),
    applicable,
    figure: applicable ? Math.round((100 * (evidenced + stale / 2)) / applicable) : null,
  };
}

export type OwnRequirementDates = { lastReviewedAt: Date | null; createdAt: Date; reviewMonths: number };

/**
 * When an own requirement is next due for review: `reviewMonths` after its last review, or after it was
 * entered in the register (entering it is its first review: its owner wrote how it is met).
 */
export const reviewDueOf = (r: OwnRequirementDates): Date =>
  addMonthsTo(r.lastReviewedAt ?? r.createdAt, r.reviewMonths);

/** Whether an own requirement is within its review period at `at`. */
export const reviewedInTime = (r: OwnRequirementDates, at: Date): boolean => reviewDueOf(r) >= at;

/**
 * The clause's own requirements as one more rule: a share of them reviewed in time, met only at 100%, with
 * the newest review as its date.
 */
export function ownRequirementsFound(requirements: readonly OwnRequirementDates[], at: Date) {
  const whole = requirements.length;
  const part = requirements.filter((r) => reviewedInTime(r, at)).length;
  const dates = requirements.map((r) => (r.lastReviewedAt ?? r.createdAt).getTime());
  return {
    count: whole ? Math.floor((100 * part) / whole) : 0,
    total: whole,
    part,
    whole,
    newest: whole ? new Date(Math.max(...dates)) : null,
  };
}
