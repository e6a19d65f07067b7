import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Audit,
  AuditItem,
  AuditPlan,
  AuditSummary,
  Check,
  CiClass,
  CiHistoryEntry,
  CiView,
  Impact,
  ImportReport,
  LicencePosition,
  RelationshipInput,
  RelationshipType,
  RelationshipView,
} from '../../modules/cmdb/index.ts';
import { api, get, query, saveRecord, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';

export type { AttributeDef, ImpactItem, Names } from '../../modules/cmdb/index.ts';
/**
 * Configuration management: CI classes, CIs with their relationships, history and impact, the CSV import,
 * licence compliance and configuration audits. Types come from the cmdb module's face.
 */
export type {
  Audit,
  AuditItem,
  AuditPlan,
  AuditSummary,
  Check,
  CiClass,
  CiHistoryEntry,
  CiView,
  Impact,
  ImportReport,
  LicencePosition,
  RelationshipType,
  RelationshipView,
};

const key = areaKeys('cmdb');
export const cmdbKeys = {
  classes: () => key('classes'),
  relationshipTypes: () => key('relationship-types'),
  cis: () => key('cis'),
  list: (filter: string) => key('cis', 'list', filter),
  search: (filter: string) => key('cis', 'search', filter),
  ci: (id: string) => key('cis', 'one', id),
  relationships: (id: string) => key('cis', 'one', id, 'relationships'),
  history: (id: string) => key('cis', 'one', id, 'history'),
  impact: (id: string, direction: string) => key('cis', 'one', id, 'impact', direction),
  licences: () => key('licences'),
  audits: () => key('audits'),
  audit: (id: string) => key('audits', 'one', id),
};

/* ---------- classes ---------- */

export const useCiClassList = () =>
  useQuery({
    queryKey: cmdbKeys.classes(),
    queryFn: () => get<{ items: CiClass[] }>('/api/v1/ci-classes'),
    staleTime: 60_000,
  });

type ClassSave = { editing: CiClass | undefined; key: string; body: object };

/** Adds a class, or changes the one being edited (its key stays) at the version read. */
export const useSaveClass = (hooks?: SaveHooks<ClassSave, unknown>) =>
  useSaveMutation({
    send: ({ editing, key: classKey, body }: ClassSave) =>
      editing
        ? send('PATCH', `/api/v1/ci-classes/${editing.key}`, body, editing.version)
        : send('POST', '/api/v1/ci-classes', { ...body, key: classKey }),
    refresh: [cmdbKeys.classes()],
    ...hooks,
  });

/* ---------- CIs ---------- */

/** The CI list for a filter (the page's query string: class, status, text), page by page. */
export function useCiList(filter: string) {
  return useInfiniteQuery({
    queryKey: cmdbKeys.list(filter),
    queryFn: ({ pageParam }) =>
      get<{ items: CiView[]; nextCursor: string | null }>(
        `/api/v1/cis?limit=50&${filter}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** CIs found by a search, optionally within some classes, to pick one. */
export function useCiSearch(search: string, classes?: string[]) {
  const params = query({ limit: 20, class: classes?.length ? classes.join(',') : undefined, q: search });
  return useQuery({
    queryKey: cmdbKeys.search(params),
    queryFn: () => get<{ items: CiView[] }>(`/api/v1/cis?${params}`),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export of the CIs a filter selects. */
export const ciExportUrl = (filter: string) => `/api/v1/cis/export?${filter}`;

/** One CI with its ETag, which an edit sends back. */
export const useCi = (id: string) =>
  useQuery({ queryKey: cmdbKeys.ci(id), queryFn: () => api<CiView>(`/api/v1/cis/${id}`) });

export const useCiRelationships = (id: string) =>
  useQuery({
    queryKey: cmdbKeys.relationships(id),
    queryFn: () => get<{ items: RelationshipView[] }>(`/api/v1/cis/${id}/relationships`),
  });

export const useCiHistory = (id: string) =>
  useQuery({
    queryKey: cmdbKeys.history(id),
    queryFn: () => get<{ items: CiHistoryEntry[] }>(`/api/v1/cis/${id}/history`),
  });

/** What fails with the CI (upstream) or what it stands on (downstream). */
export const useImpact = (id: string, direction: 'upstream' | 'downstream') =>
  useQuery({
    queryKey: cmdbKeys.impact(id, direction),
    queryFn: () => get<Impact>(`/api/v1/cis/${id}/impact?direction=${direction}`),
  });

export const useRelationshipTypes = () =>
  useQuery({
    queryKey: cmdbKeys.relationshipTypes(),
    queryFn: () => get<{ items: RelationshipType[] }>('/api/v1/ci-relationship-types'),
    staleTime: 300_000,
  });

type CiSave = { editing: { id: string; etag: string } | undefined; body: object; createBody: object };

/**
 * Adds a CI, or changes the one being edited at the ETag read. When someone changed it first (412), the CI
 * is read again and `onStale` says so instead of the problem.
 */
export function useSaveCi(hooks?: SaveHooks<CiSave, CiView> & { onStale?: () => void }) {
  const qc = useQueryClient();
  const { onStale, ...rest } = hooks ?? {};
  return useSaveMutation({
    send: async ({ editing, body, createBody }: CiSave) =>
      (
        await saveRecord<CiView>(
          '/api/v1/cis',
          editing && { id: editing.id, ifMatch: editing.etag },
          body,
          createBody,
        )
      ).data,
    refresh: [cmdbKeys.cis()],
    onProblem: async (e) => {
      if (e.status !== 412 || !onStale) return false;
      await qc.invalidateQueries({ queryKey: cmdbKeys.cis() });
      onStale();
      return true;
    },
    ...rest,
  });
}

export type NewRelationship = RelationshipInput;

export const useAddRelationship = (hooks?: SaveHooks<NewRelationship, unknown>) =>
  useSaveMutation({
    send: (body: NewRelationship) => send('POST', '/api/v1/ci-relationships', body),
    refresh: [cmdbKeys.cis()],
    ...hooks,
  });

export const useRemoveRelationship = () =>
  useSaveMutation({
    send: (id: string) => send('DELETE', `/api/v1/ci-relationships/${id}`),
    refresh: [cmdbKeys.cis()],
    noForm: true,
  });

/* ---------- import ---------- */

export type ImportRun = {
  what: 'cis' | 'relationships';
  csv: string;
  mapping: Record<string, string>;
  dryRun: boolean;
};

/** Sends a CSV file with its column mapping: a dry run reports what would happen, a run does it. */
export const useImport = (hooks?: SaveHooks<ImportRun, ImportReport>) =>
  useSaveMutation({
    send: async ({ what, csv, mapping, dryRun }: ImportRun) =>
      (
        await api<ImportReport>(
          `/api/v1/${what === 'cis' ? 'cis' : 'ci-relationships'}/import?${query({
            dryRun,
            mapping: JSON.stringify(mapping),
          })}`,
          { method: 'POST', text: { body: csv, type: 'text/csv' } },
        )
      ).data,
    refresh: (_, run) => (run.dryRun ? [] : [cmdbKeys.cis()]),
    ...hooks,
  });

/* ---------- licences ---------- */

export const useLicencePositions = () =>
  useQuery({
    queryKey: cmdbKeys.licences(),
    queryFn: () => get<{ items: LicencePosition[] }>('/api/v1/licences/compliance'),
  });

/* ---------- configuration audits ---------- */

export const useCiAudits = () =>
  useQuery({
    queryKey: cmdbKeys.audits(),
    queryFn: () => get<{ items: AuditSummary[] }>('/api/v1/ci-audits'),
  });

/** One audit with its ETag, which completing or cancelling it sends back. */
export const useCiAudit = (id: string) =>
  useQuery({ queryKey: cmdbKeys.audit(id), queryFn: () => api<Audit>(`/api/v1/ci-audits/${id}`) });

export const usePlanAudit = (hooks?: SaveHooks<AuditPlan, { id: string }>) =>
  useSaveMutation({
    send: (body: AuditPlan) => send<{ id: string }>('POST', '/api/v1/ci-audits', body),
    refresh: [cmdbKeys.audits()],
    ...hooks,
  });

/** Completes or cancels an audit at the ETag read. */
export const useCloseAudit = (
  id: string,
  hooks?: SaveHooks<{ action: 'complete' | 'cancel'; etag: string }, unknown>,
) =>
  useSaveMutation({
    send: ({ action, etag }: { action: 'complete' | 'cancel'; etag: string }) =>
      send('POST', `/api/v1/ci-audits/${id}/${action}`, undefined, etag),
    refresh: [cmdbKeys.audits()],
    ...hooks,
  });

/** Records what was found for one CI of an audit, or that its follow-up is done. */
export const useRecordCheck = (auditId: string, ciId: string, hooks?: SaveHooks<Check, unknown>) =>
  useSaveMutation({
    send: (body: Check) => send('PUT', `/api/v1/ci-audits/${auditId}/items/${ciId}`, body),
    refresh: [cmdbKeys.audits()],
    ...hooks,
  });
