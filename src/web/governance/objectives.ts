/** How an objective's status looks, the same on every page. */
export const statusColour: Record<string, string> = {
  on_track: 'green',
  achieved: 'teal',
  at_risk: 'orange',
  missed: 'red',
  not_measured: 'gray',
};

export const formatValue = (value: number | null, unit: string) =>
  value === null
    ? '—'
    : unit === '%'
      ? `${value}%`
      : `${value} ${unit === 'count' || unit === 'score' ? '' : unit}`.trim();

export type ObjectiveRow = {
  id: string;
  code: string;
  title: string;
  status: string;
  target: number;
  direction: 'at_least' | 'at_most';
  unit: string;
  deadline: string;
  current: { periodStart: string; value: number | null };
  measurement: { kind: 'kpi'; kpi: string; priority?: number | null } | { kind: 'recorded' };
};
