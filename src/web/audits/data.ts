import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AuditDetail,
  AuditInput,
  AuditPatch,
  AuditView,
  Calendar as CalendarView,
  ChecklistItemView,
  Coverage as CoverageView,
  FindingInput,
  FindingView,
  ProgrammeDetail,
  ProgrammeInput,
  ProgrammeView,
} from '../../modules/audits/index.ts';
import type { ClauseReadiness } from '../../modules/readiness/index.ts';
import { get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import type { Page, Wire } from '../types.ts';

/**
 * Internal audits (ISO/IEC 20000-1 9.2) as the web reads and writes them: audit programmes with their
 * coverage and calendar, audits with their checklist and report, and findings. Types come from the audits
 * module's face; pages hold no URLs.
 */

export type Programme = Wire<ProgrammeView>;
export type ProgrammePage = Wire<ProgrammeDetail>;
export type Coverage = Wire<CoverageView>;
export type Calendar = Wire<CalendarView>;
export type Audit = Wire<AuditView>;
export type AuditPage = Wire<AuditDetail>;
export type ChecklistItem = Wire<ChecklistItemView>;
export type Finding = Wire<FindingView>;
export type EvidenceRef = Finding['evidence'][number];

/**
 * Where a record code leads in the web app, by its prefix. Work items have pages by their number; the
 * governance records (RSK-, OBJ-, IMP-, MR-, POL-) have pages by id only and no lookup by code yet, so
 * their codes stay plain text rather than a link to a page that would not find them.
 */
const recordRoutes: Record<string, ((code: string) => string) | null> = {
  INC: (c) => `/work-items/${c}`,
  REQ: (c) => `/work-items/${c}`,
  TASK: (c) => `/work-items/${c}`,
  CHG: (c) => `/work-items/${c}`,
  PRB: (c) => `/work-items/${c}`,
  NC: (c) => `/work-items/${c}`,
  RSK: null,
  OPP: null,
  OBJ: null,
  IMP: null,
  MR: null,
  POL: null,
};

/** The page of a record in Keel named by its number or code (CHG-000012), or null when none can be linked. */
export function recordPath(code: string): string | null {
  const m = /^([A-Z]{2,5})-\d+$/.exec(code.trim());
  const route = m ? recordRoutes[m[1]!] : null;
  return route ? route(code.trim()) : null;
}

/**
 * The references sent to the API: rows left empty are dropped. `sentIndex` maps a row of the editor to its
 * place in what was sent, so that the API's `evidence.N.ref` lands on the row the reader typed it in.
 */
export const sentEvidence = (rows: EvidenceRef[]) => rows.filter((e) => e.ref.trim());
export function sentIndex(rows: EvidenceRef[], row: number): number | null {
  if (!rows[row]?.ref.trim()) return null;
  return rows.slice(0, row).filter((e) => e.ref.trim()).length;
}
export type { AuditInput, AuditPatch, FindingInput, ProgrammeInput };

const key = areaKeys('internal-audits');
export const auditKeys = {
  all: key(),
  programmes: (page: number) => key('programmes', page),
  programme: (id: string) => key('programme', id),
  coverage: (id: string) => key('programme', id, 'coverage'),
  calendar: (id: string) => key('programme', id, 'calendar'),
  audits: (filter: string) => key('audits', filter),
  audit: (id: string) => key('audit', id),
  findings: (filter: string) => key('findings', filter),
  clauses: (lang: string) => key('clauses', lang),
};
const k = auditKeys;

export const PAGE = 25;

/* ---------- programmes ---------- */

export const useProgrammes = (page: number) =>
  useQuery({
    queryKey: k.programmes(page),
    queryFn: () =>
      get<Page<Programme>>(`/api/v1/audit-programmes?${query({ limit: PAGE, offset: (page - 1) * PAGE })}`),
    placeholderData: keepPreviousData,
  });

export const useProgramme = (id: string) =>
  useQuery({
    queryKey: k.programme(id),
    queryFn: () => get<ProgrammePage>(`/api/v1/audit-programmes/${id}`),
  });

export const useCoverage = (id: string | null) =>
  useQuery({
    queryKey: k.coverage(id ?? ''),
    enabled: !!id,
    queryFn: () => get<Coverage>(`/api/v1/audit-programmes/${id}/coverage`),
  });

/**
 * The clause register's numbers and titles in the reader's language, for an audit's scope and checklist:
 * from the register itself, so an audit outside a programme has them too.
 */
export const useClauseTitles = (lang: string) =>
  useQuery({
    queryKey: k.clauses(lang),
    queryFn: () => get<{ items: Wire<ClauseReadiness>[] }>(`/api/v1/clauses?${query({ lang })}`),
    select: (r) => r.items.map((c) => ({ number: c.number, title: c.title })),
    staleTime: 10 * 60_000,
  });

export const useCalendar = (id: string) =>
  useQuery({
    queryKey: k.calendar(id),
    queryFn: () => get<Calendar>(`/api/v1/audit-programmes/${id}/calendar`),
  });

export const useCreateProgramme = (hooks?: SaveHooks<ProgrammeInput, ProgrammePage>) =>
  useSaveMutation({
    send: (body: ProgrammeInput) => send<ProgrammePage>('POST', '/api/v1/audit-programmes', body),
    refresh: [k.all],
    ...hooks,
  });

export const useUpdateProgramme = (
  id: string,
  hooks?: SaveHooks<{ version: number; body: object }, unknown>,
) =>
  useSaveMutation({
    send: ({ version, body }: { version: number; body: object }) =>
      send('PATCH', `/api/v1/audit-programmes/${id}`, body, version),
    refresh: [k.all],
    ...hooks,
  });

/** Rates the programme's process risks: the whole map is sent (the API replaces it). */
export const useRateProcessRisk = (
  id: string,
  hooks?: SaveHooks<{ version: number; risks: object }, unknown>,
) =>
  useSaveMutation({
    send: ({ version, risks }: { version: number; risks: object }) =>
      send('PATCH', `/api/v1/audit-programmes/${id}/process-risk`, { processRisk: risks }, version),
    refresh: [k.all],
    noForm: true,
    ...hooks,
  });

export const useProgrammeStep = (id: string, hooks?: SaveHooks<'approve' | 'close', unknown>) =>
  useSaveMutation({
    send: (step: 'approve' | 'close') => send('POST', `/api/v1/audit-programmes/${id}/${step}`, {}),
    refresh: [k.all],
    noForm: true,
    ...hooks,
  });

/* ---------- audits ---------- */

export const useAudit = (id: string) =>
  useQuery({ queryKey: k.audit(id), queryFn: () => get<AuditPage>(`/api/v1/audits/${id}`) });

export const useCreateAudit = (hooks?: SaveHooks<AuditInput, AuditPage>) =>
  useSaveMutation({
    send: (body: AuditInput) => send<AuditPage>('POST', '/api/v1/audits', body),
    refresh: [k.all],
    ...hooks,
  });

export const useUpdateAudit = (
  id: string,
  hooks?: SaveHooks<{ version: number; body: AuditPatch }, unknown>,
) =>
  useSaveMutation({
    send: ({ version, body }: { version: number; body: AuditPatch }) =>
      send('PATCH', `/api/v1/audits/${id}`, body, version),
    refresh: [k.all],
    ...hooks,
  });

/** A step in an audit's life; report carries its summary and conclusion, cancel its reason. */
export type AuditStep =
  | { step: 'start' | 'reopen' | 'approve'; body?: { note?: string } }
  | { step: 'report'; body: { summary: string; conclusion: string } }
  | { step: 'cancel'; body: { reason: string } };

export const useAuditStep = (id: string, hooks?: SaveHooks<AuditStep, unknown>) =>
  useSaveMutation({
    send: (s: AuditStep) => send('POST', `/api/v1/audits/${id}/${s.step}`, s.body ?? {}),
    refresh: [k.all],
    ...hooks,
  });

export const reportPdfUrl = (id: string) => `/api/v1/audits/${id}/report.pdf`;

/* ---------- the checklist ---------- */

export const useAddQuestion = (
  auditId: string,
  hooks?: SaveHooks<{ clause: string; question: string }, unknown>,
) =>
  useSaveMutation({
    send: (body: { clause: string; question: string }) =>
      send('POST', `/api/v1/audits/${auditId}/checklist`, body),
    refresh: [k.audit(auditId)],
    ...hooks,
  });

export type ItemPatch = {
  clause?: string;
  question?: string;
  answer?: ChecklistItem['answer'];
  notes?: string;
  evidence?: EvidenceRef[];
};

export const useUpdateItem = (
  auditId: string,
  hooks?: SaveHooks<{ itemId: string; version: number; body: ItemPatch }, unknown>,
) =>
  useSaveMutation({
    send: ({ itemId, version, body }: { itemId: string; version: number; body: ItemPatch }) =>
      send('PATCH', `/api/v1/audits/${auditId}/checklist/${itemId}`, body, version),
    refresh: [k.audit(auditId)],
    ...hooks,
  });

export const useRemoveItem = (auditId: string, hooks?: SaveHooks<string, unknown>) =>
  useSaveMutation({
    send: (itemId: string) => send('DELETE', `/api/v1/audits/${auditId}/checklist/${itemId}`),
    refresh: [k.audit(auditId)],
    noForm: true,
    ...hooks,
  });

/* ---------- findings ---------- */

export type FindingFilter = { kind: string | null; page: number };

export const useFindings = (f: FindingFilter) =>
  useQuery({
    queryKey: k.findings(JSON.stringify(f)),
    queryFn: () =>
      get<Page<Finding>>(
        `/api/v1/findings?${query({ kind: f.kind, limit: PAGE, offset: (f.page - 1) * PAGE })}`,
      ),
    placeholderData: keepPreviousData,
  });

export const useRaiseFinding = (hooks?: SaveHooks<FindingInput, Finding>) =>
  useSaveMutation({
    send: (body: FindingInput) => send<Finding>('POST', '/api/v1/findings', body),
    refresh: [k.all],
    ...hooks,
  });

export const useSendToImprovements = (hooks?: SaveHooks<string, unknown>) =>
  useSaveMutation({
    send: (findingId: string) => send('POST', `/api/v1/findings/${findingId}/improvement`, {}),
    refresh: [k.all],
    noForm: true,
    ...hooks,
  });

/** Where a nonconformity raised by a finding is read: it is a work item. */
export const nonconformityPath = (number: string) => `/work-items/${number}`;
