/** The colour an improvement's state shows in. */
export const improvementStateColour: Record<string, string> = {
  proposed: 'blue',
  approved: 'teal',
  rejected: 'gray',
  in_progress: 'orange',
  realised: 'green',
  withdrawn: 'gray',
};

/** A weighted score (0–100) as the register shows it: whole numbers read better than one decimal. */
export const scoreText = (score: number | null) => (score === null ? '—' : String(Math.round(score)));

/** Green from 67, yellow from 34, else gray: a ranking aid, not a verdict. */
export const scoreColour = (score: number | null) =>
  score === null ? 'gray' : score >= 67 ? 'green' : score >= 34 ? 'yellow' : 'gray';

/** A measured value, as short as it can be said. */
export const valueText = (v: number | null) =>
  v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1);
