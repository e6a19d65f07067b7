import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  ApplyKnownError,
  KnownError,
  NewProblem,
  ProblemCandidate,
  ProblemOrigin,
  ProblemPatch,
  ProblemRow,
  ProblemState,
  ProblemView,
  RcaMethod,
  TrendSettings,
  TrendSettingsInput,
} from '../../modules/problems/index.ts';
import { get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import { itemChanged, type TransitionRequest, workItemKeys } from '../records/data.ts';

/**
 * Problem management as the web reads and writes it (docs/problems.md): problems, known errors and the
 * suggestions drawn from them, the trend-detection queue and its settings, applying a workaround to an
 * incident.
 */

/** The problem API's shapes, from the problems module (types only). */
export type {
  ApplyKnownError,
  KnownError,
  NewProblem,
  ProblemCandidate as Candidate,
  ProblemOrigin,
  ProblemPatch,
  ProblemRow,
  ProblemState,
  ProblemView as Problem,
  RcaMethod,
  TrendSettings,
  TrendSettingsInput,
};

type CursorPage<T> = { items: T[]; nextCursor: string | null };

const key = areaKeys('problems');
export const problemKeys = {
  all: key(),
  list: (filter: string) => key('list', filter),
  knownErrors: (filter: string) => key('known-errors', filter),
  suggestions: (filter: string) => key('suggestions', filter),
  candidates: () => key('candidates'),
  settings: () => key('settings'),
  one: (number: string) => [...workItemKeys.item(number), 'problem'] as const,
};

const pages = <T>(path: string, params: string) => ({
  initialPageParam: '',
  queryFn: ({ pageParam }: { pageParam: string }) =>
    get<CursorPage<T>>(`${path}?${params}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
  getNextPageParam: (last: CursorPage<T>) => last.nextCursor ?? undefined,
});

export type ProblemFilter = {
  state: string | null;
  open: boolean;
  serviceId: string | null;
  knownError: boolean;
};

/** Problems, newest first, a page at a time. */
export function useProblems(f: ProblemFilter) {
  const params = query({
    limit: 50,
    state: f.state,
    // a chosen state says it all: "open" would hide a closed or cancelled one asked for
    open: (f.open && !f.state) || undefined,
    serviceId: f.serviceId,
    knownError: f.knownError || undefined,
  });
  return useInfiniteQuery({
    queryKey: problemKeys.list(params),
    ...pages<ProblemRow>('/api/v1/problems', params),
  });
}

/** The problems a change fixes (linked `resolved_by` it), for the change's page to offer resolving them. */
export function useProblemsFixedBy(change: string) {
  const params = query({ limit: 50, fixedBy: change });
  return useQuery({
    queryKey: problemKeys.list(params),
    queryFn: () => get<CursorPage<ProblemRow>>(`/api/v1/problems?${params}`),
  });
}

export const useProblem = (number: string, enabled = true) =>
  useQuery({
    queryKey: problemKeys.one(number),
    enabled,
    queryFn: () => get<ProblemView>(`/api/v1/problems/${number}`),
  });

/** Known errors, of one service or all, a page at a time. */
export function useKnownErrors(serviceId: string | null) {
  const params = query({ limit: 50, serviceId });
  return useInfiniteQuery({
    queryKey: problemKeys.knownErrors(params),
    ...pages<KnownError>('/api/v1/known-errors', params),
  });
}

/** The known errors an incident is linked `caused_by`: their workarounds show on its page. */
export const useKnownErrorsOf = (incident: string) =>
  useQuery({
    queryKey: [...workItemKeys.item(incident), 'known-errors'] as const,
    queryFn: () => get<CursorPage<KnownError>>(`/api/v1/known-errors?${query({ incident, limit: 20 })}`),
  });

/** The known errors that may explain what an incident says, best first (asked only with enough text). */
export function useKnownErrorSuggestions(text: string, serviceId: string | null, ciIds: string[] = []) {
  const enough = text.trim().length >= 4;
  const params = query({ text: text.trim(), serviceId, ciIds: ciIds.join(',') || undefined });
  return useQuery({
    queryKey: problemKeys.suggestions(params),
    enabled: enough,
    placeholderData: keepPreviousData,
    queryFn: () => get<{ items: KnownError[] }>(`/api/v1/known-errors?${params}`),
  });
}

/** Records a problem (from scratch or from incidents); its number comes back. */
export const useRecordProblem = (hooks?: SaveHooks<NewProblem, { number: string }>) =>
  useSaveMutation({
    send: (body: NewProblem) => send<{ number: string }>('POST', '/api/v1/problems', body),
    refresh: [problemKeys.all, workItemKeys.lists()],
    ...hooks,
  });

export const useUpdateProblem = (
  number: string,
  hooks?: SaveHooks<{ patch: ProblemPatch; version: number }, unknown>,
) =>
  useSaveMutation({
    send: ({ patch, version }: { patch: ProblemPatch; version: number }) =>
      send('PATCH', `/api/v1/problems/${number}`, patch, version),
    refresh: [...itemChanged(number), problemKeys.all],
    ...hooks,
  });

export const useProblemTransition = (number: string, hooks?: SaveHooks<TransitionRequest, unknown>) =>
  useSaveMutation({
    send: ({ to, input, version }: TransitionRequest) =>
      send('POST', `/api/v1/problems/${number}/transitions`, { to, ...input }, version),
    refresh: [...itemChanged(number), problemKeys.all],
    ...hooks,
  });

/** Applies a known error's workaround to an incident: a note, the link, and maybe its resolution. */
export const useApplyKnownError = (incident: string, hooks?: SaveHooks<ApplyKnownError, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: (body: ApplyKnownError) => send('POST', `/api/v1/incidents/${incident}/known-error`, body),
    // the known error's incident count and the problem lists change with the incident linked to it
    refresh: (_, body) => [...itemChanged(incident), workItemKeys.item(body.problem), problemKeys.all],
    ...hooks,
  });

export const useCandidates = () =>
  useQuery({
    queryKey: problemKeys.candidates(),
    queryFn: () => get<{ items: ProblemCandidate[] }>('/api/v1/problem-candidates?state=open'),
  });

/** Accepts a candidate: a problem is recorded with its incidents linked; its number comes back. */
export const useAcceptCandidate = (hooks?: SaveHooks<string, { number: string }>) =>
  useSaveMutation({
    noForm: true,
    send: (id: string) => send<{ number: string }>('POST', `/api/v1/problem-candidates/${id}/accept`, {}),
    refresh: [problemKeys.all, workItemKeys.lists()],
    ...hooks,
  });

export const useDismissCandidate = (hooks?: SaveHooks<{ id: string; reason: string }, unknown>) =>
  useSaveMutation({
    send: ({ id, reason }: { id: string; reason: string }) =>
      send('POST', `/api/v1/problem-candidates/${id}/dismiss`, { reason }),
    refresh: [problemKeys.candidates()],
    ...hooks,
  });

/** Runs trend detection now; the new candidates appear in the queue. */
export const useDetectCandidates = (hooks?: SaveHooks<void, { items: ProblemCandidate[] }>) =>
  useSaveMutation({
    noForm: true,
    send: () => send<{ items: ProblemCandidate[] }>('POST', '/api/v1/problem-candidates/detect'),
    refresh: [problemKeys.candidates()],
    ...hooks,
  });

export const useTrendSettings = () =>
  useQuery({
    queryKey: problemKeys.settings(),
    queryFn: () => get<TrendSettings>('/api/v1/problem-settings'),
  });

export const useSaveTrendSettings = (hooks?: SaveHooks<TrendSettingsInput, unknown>) =>
  useSaveMutation({
    send: (body: TrendSettingsInput) => send('PUT', '/api/v1/problem-settings', body),
    refresh: [problemKeys.settings()],
    ...hooks,
  });

/** Links two work items (the fixing change: problem `resolved_by` change). */
export const useLinkItems = () =>
  useSaveMutation({
    noForm: true,
    send: ({ from, to, kind }: { from: string; to: string; kind: string }) =>
      send('POST', `/api/v1/work-items/${from}/links`, { to, kind }),
    refresh: (_, { from, to }) => [workItemKeys.item(from), workItemKeys.item(to)],
  });

/**
 * Applies a known error to an incident just recorded (the new-incident page chose it while the agent typed):
 * a plain call, as the incident's page opens next and reads everything afresh.
 */
export const applyKnownError = (incident: string, body: ApplyKnownError) =>
  send('POST', `/api/v1/incidents/${incident}/known-error`, body);
