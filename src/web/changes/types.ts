/** A change as `GET /api/v1/changes/{number}` gives it. */
export type Change = {
  id: string;
  number: string;
  title: string;
  description: string;
  state: string;
  final: boolean;
  version: number;
  kind: string;
  risk: string;
  reason: string;
  implementationPlan: string;
  backoutPlan: string;
  plannedStart: string | null;
  plannedEnd: string | null;
  serviceId: string | null;
  serviceName: string | null;
  requesterName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  groupId: string | null;
  groupName: string | null;
  approvedBy: { id: string; name: string | null } | null;
  approvedAt: string | null;
  implementedAt: string | null;
  outcome: string | null;
  outcomeNote: string;
  closedAt: string | null;
  cis: Array<{ id: string; name: string }>;
  createdAt: string;
  transitions: Array<{ name: string; to: string; requires: string[] }>;
};

/** One row of `GET /api/v1/changes`. */
export type ChangeRow = Pick<
  Change,
  | 'id'
  | 'number'
  | 'title'
  | 'state'
  | 'final'
  | 'kind'
  | 'risk'
  | 'plannedStart'
  | 'plannedEnd'
  | 'outcome'
  | 'serviceName'
  | 'assigneeName'
  | 'createdAt'
>;

/** A moment from the API as the reader's local date and time, short. */
export const moment = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

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
