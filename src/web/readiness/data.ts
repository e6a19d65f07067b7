import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ClauseReadiness,
  ClauseStatus,
  GroupReadiness,
  OwnRequirementView,
  Readiness as ReadinessView,
  RequirementInput,
  RequirementPatch,
  RuleResult,
  RuleSetting as RuleSettingView,
} from '../../modules/readiness/index.ts';
import { ApiProblem, get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import type { Page, Wire } from '../types.ts';

/**
 * Readiness for ISO/IEC 20000-1 as the web reads and writes it: the readiness view (one figure, the groups
 * 4–10, every clause with its evidence), applicability decisions, the organisation's own requirements, the
 * evidence rules' freshness, and the evidence pack. Types come from the readiness module's face.
 */

export type Readiness = Wire<ReadinessView>;
export type Group = Wire<GroupReadiness>;
export type Clause = Wire<ClauseReadiness>;
export type Rule = Wire<RuleResult>;
export type Requirement = Wire<OwnRequirementView>;
export type RuleSetting = Wire<RuleSettingView>;
export type { ClauseStatus, RequirementInput, RequirementPatch };

export const clauseStatuses = [
  'evidenced',
  'stale',
  'missing',
  'not_applicable',
] as const satisfies readonly ClauseStatus[];
export const requirementSources = [
  'contract',
  'legal',
  'regulatory',
  'customer',
  'internal',
] as const satisfies readonly Requirement['source'][];

const key = areaKeys('readiness');
export const readinessKeys = {
  all: key(),
  view: (lang: string) => key('view', lang),
  requirements: (filter: string) => key('requirements', filter),
  rules: (lang: string) => key('rules', lang),
};
const k = readinessKeys;

export const PAGE = 25;

/** The readiness view in the reader's language (its sentences are written by the server). */
export const useReadiness = (lang: string) =>
  useQuery({
    queryKey: k.view(lang),
    queryFn: () => get<Readiness>(`/api/v1/readiness?${query({ lang })}`),
    placeholderData: keepPreviousData,
  });

/** Marking a clause not applicable (with the justification) or applicable again, at the decision's version. */
export const useApplicability = (
  hooks?: SaveHooks<{ clause: string; version: number; applicable: boolean; justification: string }, unknown>,
) =>
  useSaveMutation({
    send: (d: { clause: string; version: number; applicable: boolean; justification: string }) =>
      send(
        'PUT',
        `/api/v1/clauses/${encodeURIComponent(d.clause)}/applicability`,
        { applicable: d.applicable, justification: d.justification },
        d.version,
      ),
    refresh: [k.all],
    ...hooks,
  });

/* ---------- own requirements ---------- */

export type RequirementFilter = { retired: boolean; clause: string | null; page: number };

export const useRequirements = (f: RequirementFilter) =>
  useQuery({
    queryKey: k.requirements(JSON.stringify(f)),
    queryFn: () =>
      get<Page<Requirement>>(
        `/api/v1/requirements?${query({ retired: f.retired ? 'true' : undefined, clause: f.clause, limit: PAGE, offset: (f.page - 1) * PAGE })}`,
      ),
    placeholderData: keepPreviousData,
  });

export const useSaveRequirement = (
  hooks?: SaveHooks<
    { id?: string; version?: number; body: RequirementInput | RequirementPatch },
    Requirement
  >,
) =>
  useSaveMutation({
    send: ({
      id,
      version,
      body,
    }: {
      id?: string;
      version?: number;
      body: RequirementInput | RequirementPatch;
    }) =>
      id
        ? send<Requirement>('PATCH', `/api/v1/requirements/${id}`, body, version)
        : send<Requirement>('POST', '/api/v1/requirements', body),
    refresh: [k.all],
    ...hooks,
  });

export type RequirementStep =
  | { step: 'review'; id: string; version: number; body: { note: string } }
  | { step: 'retire'; id: string; version: number; body: { reason: string } };

export const useRequirementStep = (hooks?: SaveHooks<RequirementStep, unknown>) =>
  useSaveMutation({
    send: (s: RequirementStep) => send('POST', `/api/v1/requirements/${s.id}/${s.step}`, s.body, s.version),
    refresh: [k.all],
    ...hooks,
  });

/* ---------- evidence rules ---------- */

export const useRuleSettings = (lang: string) =>
  useQuery({
    queryKey: k.rules(lang),
    queryFn: () => get<{ items: RuleSetting[] }>(`/api/v1/evidence-rules?${query({ lang })}`),
  });

export const useSetRule = (
  hooks?: SaveHooks<{ key: string; version: number; maxAgeDays: number; minCount: number }, unknown>,
) =>
  useSaveMutation({
    send: (r: { key: string; version: number; maxAgeDays: number; minCount: number }) =>
      send(
        'PUT',
        `/api/v1/evidence-rules/${encodeURIComponent(r.key)}`,
        { maxAgeDays: r.maxAgeDays, minCount: r.minCount },
        r.version,
      ),
    refresh: [k.all],
    ...hooks,
  });

/* ---------- the evidence pack ---------- */

/**
 * Makes the evidence pack of a period and hands it to the browser as a download: the API answers with the
 * ZIP itself (not JSON), so this reads it as a file and saves it under the name the server gives.
 */
async function downloadPack(period: { from: string; to: string; csrfToken: string | undefined }) {
  const res = await fetch('/api/v1/evidence-packs', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/zip, application/problem+json',
      ...(period.csrfToken ? { 'x-csrf-token': period.csrfToken } : {}),
    },
    body: JSON.stringify({ from: period.from, to: period.to }),
    credentials: 'same-origin',
  });
  if (!res.ok) {
    const json = await res.json().catch(() => null);
    throw new ApiProblem(
      res.status,
      json?.title ?? res.statusText,
      json?.detail ?? res.statusText,
      json?.errors ?? [],
    );
  }
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
    `keel-evidence-${period.from}-${period.to}.zip`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the browser has taken the file once the click is handled; a moment later the URL may go
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export const useEvidencePack = (
  hooks?: SaveHooks<{ from: string; to: string; csrfToken: string | undefined }, string>,
) => useSaveMutation({ send: downloadPack, ...hooks });
