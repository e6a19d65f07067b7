import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { WorkItemView } from '../../kernel/records/shapes.ts';
import type { ProblemOrigin, ProblemState, RcaMethod } from '../../modules/problems/lifecycle.ts';
import { get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import { itemChanged, type TransitionRequest, workItemKeys } from '../records/data.ts';

/**
 * Problem management as the web reads and writes it (docs/problems.md): problems, known errors and the
 * suggestions drawn from them, the trend-detection queue and its settings, applying a workaround to an
 * incident.
 */

/** A problem as its page shows it: the work item, its root-cause analysis, workaround and resolution. */
type Ref = { number: string; title: string; state: string };
export type Problem = Omit<WorkItemView, 'abilities'> & {
  origin: ProblemOrigin;
  symptoms: string;
  timeline: string;
  cause: string;
  contributingFactors: string;
  rcaMethod: RcaMethod | null;
  rcaAnalysis: string;
  workaround: string;
  workaroundPublic: boolean;
  knownErrorAt: string | null;
  resolution: string;
  resolvedAt: string | null;
  closedAt: string | null;
  serviceName: string | null;
  assigneeName: string | null;
  groupName: string | null;
  cis: Array<{ id: string; name: string }>;
  /** The incidents linked caused_by the problem, and the changes it is resolved_by. */
  incidents: Ref[];
  changes: Ref[];
  abilities: WorkItemView['abilities'] & { manage: boolean; applyWorkaround: boolean };
};

export type ProblemRow = {
  id: string;
  number: string;
  title: string;
  state: ProblemState;
  final: boolean;
  priority: number | null;
  origin: ProblemOrigin;
  serviceId: string | null;
  serviceName: string | null;
  assigneeName: string | null;
  knownErrorAt: string | null;
  incidentCount: number;
  createdAt: string;
};

type Analysis = {
  title: string;
  description: string;
  priority: number | null;
  serviceId: string | null;
  ciIds: string[];
  groupId: string | null;
  assigneeId: string | null;
  symptoms: string;
  timeline: string;
  cause: string;
  contributingFactors: string;
  rcaMethod: RcaMethod | null;
  rcaAnalysis: string;
  workaround: string;
  workaroundPublic: boolean;
};
/** What recording a problem sends: its fields, and the incidents it explains (reactive). */
export type NewProblem = Partial<Analysis> & { title: string; incidents?: string[] };
export type ProblemPatch = Partial<Analysis>;

/** A known error as the list per service and the suggestions show it. */
export type KnownError = {
  id: string;
  number: string;
  title: string;
  serviceId: string | null;
  serviceName: string | null;
  cause: string;
  workaround: string;
  workaroundPublic: boolean;
  knownErrorAt: string;
  incidentCount: number;
  score: number | null;
};

export type Candidate = {
  id: string;
  title: string;
  state: 'open' | 'accepted' | 'dismissed';
  serviceId: string | null;
  serviceName: string | null;
  ciId: string | null;
  ciName: string | null;
  firstSeen: string;
  lastSeen: string;
  reason: string;
  problem: string | null;
  createdAt: string;
  version: number;
  incidents: Array<Ref & { createdAt: string }>;
};

export type TrendSettings = {
  minIncidents: number;
  windowDays: number;
  minSimilarity: number;
  updatedAt: string;
};
export type TrendSettingsInput = Omit<TrendSettings, 'updatedAt'>;

export type { ProblemOrigin, ProblemState, RcaMethod };

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
    open: f.open || undefined,
    serviceId: f.serviceId,
    knownError: f.knownError || undefined,
  });
  return useInfiniteQuery({
    queryKey: problemKeys.list(params),
    ...pages<ProblemRow>('/api/v1/problems', params),
  });
}

export const useProblem = (number: string, enabled = true) =>
  useQuery({
    queryKey: problemKeys.one(number),
    enabled,
    queryFn: () => get<Problem>(`/api/v1/problems/${number}`),
  });

/** Known errors, of one service or all, a page at a time. */
export function useKnownErrors(serviceId: string | null) {
  const params = query({ limit: 50, serviceId });
  return useInfiniteQuery({
    queryKey: problemKeys.knownErrors(params),
    ...pages<KnownError>('/api/v1/known-errors', params),
  });
}

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
export type ApplyKnownError = { problem: string; note: 'public' | 'internal'; resolve?: boolean };
export const useApplyKnownError = (incident: string, hooks?: SaveHooks<ApplyKnownError, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: (body: ApplyKnownError) => send('POST', `/api/v1/incidents/${incident}/known-error`, body),
    refresh: (_, body) => [...itemChanged(incident), workItemKeys.item(body.problem)],
    ...hooks,
  });

export const useCandidates = () =>
  useQuery({
    queryKey: problemKeys.candidates(),
    queryFn: () => get<{ items: Candidate[] }>('/api/v1/problem-candidates?state=open'),
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
export const useDetectCandidates = (hooks?: SaveHooks<void, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: () => send('POST', '/api/v1/problem-candidates/detect', {}),
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
