/**
 * The weighted score that ranks the improvement register (docs/check-and-act.md): each criterion's score
 * (1–5), inverted where lower is better (effort, risk: 1 becomes 5), times its weight, over the sum of the
 * weights of the criteria scored, scaled so that all 1s give 0 and all 5s (after inverting) give 100.
 * Retired criteria and scores for unknown keys do not count; nothing scored gives null.
 */
export type Criterion = { key: string; weight: number; higherIsBetter: boolean; retired?: boolean };

export function weightedScore(
  criteria: readonly Criterion[],
  scores: Readonly<Record<string, number>>,
): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = scores[c.key];
    if (c.retired || s === undefined || c.weight <= 0) continue;
    const clamped = Math.min(5, Math.max(1, s));
    const value = c.higherIsBetter ? clamped : 6 - clamped;
    sum += (value - 1) * c.weight;
    weights += c.weight;
  }
  if (weights === 0) return null;
  // one decimal: a ranking, not a measurement
  return Math.round((sum / (weights * 4)) * 1000) / 10;
}
