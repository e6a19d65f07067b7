import i18next from 'i18next';

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
      : unit === 'days'
        ? i18next.t('objectives.days', { count: value })
        : `${value} ${unit === 'count' || unit === 'score' ? '' : unit}`.trim();
