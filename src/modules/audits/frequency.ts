import type { FindingKind, RiskLevel } from './lifecycle.ts';

/**
 * How often a process is audited (9.2: "frequency by risk and past results"), in months, and when it is next
 * due. Pure, so the coverage answer, the web and the tests share one rule (docs/check-and-act.md, Audits).
 */

/** The findings of one completed audit of the process, by kind (a kind it did not raise may be left out). */
export type FindingCounts = Partial<Record<FindingKind, number>>;

/** The base interval by risk: high risk yearly, medium every two years, low every three. */
export const baseInterval: Record<RiskLevel, number> = { high: 12, medium: 24, low: 36 };

const has = (f: FindingCounts | undefined, kind: FindingKind) => (f?.[kind] ?? 0) > 0;
const nonconforming = (f: FindingCounts | undefined) => has(f, 'major_nc') || has(f, 'minor_nc');

/**
 * Months until the process is audited again. `lastFindings` are its last completed audits' findings, the most
 * recent first (only the last two count). A major nonconformity in the last audit brings it back within 12
 * months; a minor one within 24 at most. Only clean results in two successive audits keep the base: one clean
 * audit right after a nonconformity still holds it at 24 at most. A process never audited, or audited once
 * without nonconformity, has its base. Unrated risk is medium.
 */
export function auditInterval(input: {
  risk?: RiskLevel | null;
  lastFindings?: readonly FindingCounts[];
}): number {
  const base = baseInterval[input.risk ?? 'medium'];
  const [last, before] = input.lastFindings ?? [];
  if (has(last, 'major_nc')) return 12;
  if (has(last, 'minor_nc') || nonconforming(before)) return Math.min(base, 24);
  return base;
}

/**
 * A day (YYYY-MM-DD) some months later; a day the later month lacks becomes its last (31 Jan + 1 → 28/29 Feb),
 * so the interval is never overshot.
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`;
}

/**
 * When the process is next due: its last audit's start plus the interval, or, never audited, the cycle's
 * start plus the interval.
 */
export const nextDue = (lastAudited: string | null, cycleStart: string, months: number) =>
  addMonths(lastAudited ?? cycleStart, months);

/**
 * Whether the process is a gap of the programme: no audit of it done or planned in the cycle at all, or due
 * inside the cycle (or overdue already) with no audit of it still to come that starts by the due day.
 */
export function isGap(p: {
  due: string;
  cycleEnd: string;
  /** Start days of its audits in the cycle still to be done (planned, in progress, reporting). */
  comingStarts: readonly string[];
  /** Whether any audit of it in the cycle, done or to come (cancelled ones aside), exists. */
  inCycle: boolean;
}): boolean {
  if (!p.inCycle) return true;
  if (p.due > p.cycleEnd) return false;
  return !p.comingStarts.some((s) => s <= p.due);
}
