import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CorrectiveActionView,
  Effectiveness,
  NcSettings,
  NonconformityRow,
  NonconformityView,
  RaiseInput,
} from '../../modules/nonconformities/index.ts';
import type { handSources } from '../../modules/nonconformities/lifecycle.ts';
import { get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import { itemChanged, type TransitionRequest, workItemKeys } from '../records/data.ts';
import type { Page } from '../types.ts';

/**
 * Nonconformities and their corrective actions as the web reads and writes them (ISO/IEC 20000-1 10.1,
 * docs/check-and-act.md). A nonconformity is a work item: its answer lives under the item's key, so the
 * comments, links and timeline shown beside it refresh with it.
 */
export type {
  CorrectiveActionView as CorrectiveAction,
  NcSettings,
  NonconformityRow,
  NonconformityView as Nonconformity,
};

/** What the settings take: who closes, and the days until the effectiveness check. */
export type NcSettingsInput = Pick<NcSettings, 'closedBy' | 'effectivenessDays'>;
/** A new corrective action: what, who, by when (YYYY-MM-DD). */
export type NewCorrectiveAction = Pick<CorrectiveActionView, 'title' | 'responsibleId' | 'due'>;
/** A change to a corrective action: ticked off with a note, opened again, or reworded. */
export type CorrectiveActionPatch = Partial<
  Pick<CorrectiveActionView, 'title' | 'responsibleId' | 'due'> & { done: boolean; note: string }
>;
/** The fields of a nonconformity its page changes: the correction and the analysis. */
export type NonconformityPatch = Partial<
  Pick<NonconformityView, 'correction' | 'rootCause' | 'rootCauseMethod' | 'similar'>
>;
export type EffectivenessInput = { result: Effectiveness; note: string };

/** Recording one by hand: any source but an audit (an audit's come from its findings). */
export type NewNonconformity = Omit<RaiseInput, 'findingId' | 'source'> & {
  source: (typeof handSources)[number];
};

const key = areaKeys('nonconformities');
export const ncKeys = {
  all: key(),
  list: (filter: string) => key('list', filter),
  settings: () => key('settings'),
  one: (number: string) => [...workItemKeys.item(number), 'nonconformity'] as const,
};

export type NcFilter = {
  state: string | null;
  severity: string | null;
  source: string | null;
  process: string | null;
  overdue: boolean;
  open: boolean;
};

/** A page of the register, newest first, as the filters ask. */
export function useNonconformities(f: NcFilter, page: number, size: number, enabled = true) {
  const params = query({
    limit: size,
    offset: (page - 1) * size,
    state: f.state,
    // a chosen state says it all: "open" would hide a closed one asked for
    open: f.open && !f.state ? 'true' : undefined,
    severity: f.severity,
    source: f.source,
    process: f.process,
    overdue: f.overdue ? 'true' : undefined,
  });
  return useQuery({
    queryKey: ncKeys.list(params),
    enabled,
    queryFn: () => get<Page<NonconformityRow>>(`/api/v1/nonconformities?${params}`),
    placeholderData: keepPreviousData,
  });
}

export const useNonconformity = (number: string) =>
  useQuery({
    queryKey: ncKeys.one(number),
    queryFn: () => get<NonconformityView>(`/api/v1/nonconformities/${number}`),
  });

/** Records a nonconformity; the new one comes back (its number opens its page). */
export const useRaiseNonconformity = (hooks?: SaveHooks<NewNonconformity, NonconformityView>) =>
  useSaveMutation({
    send: (body: NewNonconformity) => send<NonconformityView>('POST', '/api/v1/nonconformities', body),
    refresh: [ncKeys.all, workItemKeys.lists()],
    ...hooks,
  });

/** What changes a nonconformity: its number's item and every list of them. */
const changed = (number: string) => [...itemChanged(number), ncKeys.all];

export const useUpdateNonconformity = (
  number: string,
  hooks?: SaveHooks<{ patch: NonconformityPatch; version: number }, unknown>,
) =>
  useSaveMutation({
    send: ({ patch, version }: { patch: NonconformityPatch; version: number }) =>
      send('PATCH', `/api/v1/nonconformities/${number}`, patch, version),
    refresh: changed(number),
    ...hooks,
  });

export const useNcTransition = (number: string, hooks?: SaveHooks<TransitionRequest, unknown>) =>
  useSaveMutation({
    send: ({ to, input, version }: TransitionRequest) =>
      send('POST', `/api/v1/nonconformities/${number}/transitions`, { to, ...input }, version),
    refresh: changed(number),
    ...hooks,
  });

export const useAddCorrectiveAction = (number: string, hooks?: SaveHooks<NewCorrectiveAction, unknown>) =>
  useSaveMutation({
    send: (body: NewCorrectiveAction) => send('POST', `/api/v1/nonconformities/${number}/actions`, body),
    refresh: changed(number),
    ...hooks,
  });

export type ActionChange = { id: string; version: number; patch: CorrectiveActionPatch };

/** Ticks a corrective action off (with what was done), opens it again, or changes it. */
export const useUpdateCorrectiveAction = (number: string, hooks?: SaveHooks<ActionChange, unknown>) =>
  useSaveMutation({
    send: ({ id, version, patch }: ActionChange) =>
      send('PATCH', `/api/v1/nonconformities/${number}/actions/${id}`, patch, version),
    refresh: changed(number),
    ...hooks,
  });

export const useRecordEffectiveness = (
  number: string,
  hooks?: SaveHooks<{ check: EffectivenessInput; version: number }, unknown>,
) =>
  useSaveMutation({
    send: ({ check, version }: { check: EffectivenessInput; version: number }) =>
      send('POST', `/api/v1/nonconformities/${number}/effectiveness`, check, version),
    refresh: changed(number),
    ...hooks,
  });

export const useNcSettings = () =>
  useQuery({ queryKey: ncKeys.settings(), queryFn: () => get<NcSettings>('/api/v1/nonconformity-settings') });

export const useSaveNcSettings = (hooks?: SaveHooks<{ body: NcSettingsInput; version: number }, unknown>) =>
  useSaveMutation({
    send: ({ body, version }: { body: NcSettingsInput; version: number }) =>
      send('PUT', '/api/v1/nonconformity-settings', body, version),
    refresh: [ncKeys.settings(), ncKeys.all],
    ...hooks,
  });
