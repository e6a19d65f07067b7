import { formatInstant } from '../app/dates.ts';

/** How the change pages say a change's moments, risks and outcomes. */

/** A moment from the API as the reader's local date and time, short. */
export const moment = (iso: string | null) => (iso ? formatInstant(iso, 'medium') : '—');

/** An instant as the value of a `datetime-local` input (the reader's local time, to the minute), and back. */
export const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
export const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : null);

export const riskColour: Record<string, string> = { low: 'green', medium: 'yellow', high: 'red' };
export const outcomeColour: Record<string, string> = {
  successful: 'green',
  failed: 'red',
  backed_out: 'orange',
};
