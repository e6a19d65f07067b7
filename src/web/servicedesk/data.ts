import { useQuery } from '@tanstack/react-query';
import type {
  Category,
  Escalate,
  Group,
  IncidentInput,
  IncidentView,
  Suggestion,
  SupplierOption,
} from '../../modules/servicedesk/index.ts';
import { get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import { itemChanged, type TransitionRequest, workItemKeys } from '../records/data.ts';

/**
 * The service desk's answers and writes: incidents (their fields, transitions, escalations, major incident
 * handling, clock explanations) and the desk's own lists (groups, categories, settings, priority matrix).
 */

/** The desk's answers and inputs, from the service desk module's shapes. */
export type {
  Category,
  Escalate,
  Group,
  IncidentView as Incident,
  Suggestion as AssignmentSuggestion,
  SupplierOption,
};
export type NewIncident = IncidentInput;
export type Review = {
  summary: string;
  rootCause: string;
  wentWell: string;
  improvements: string;
  /** Whether the review found the root cause: completing it with false opens a problem. */
  rootCauseKnown: boolean | null;
};

const key = areaKeys('service-desk');
export const deskKeys = {
  groups: () => key('groups'),
  categories: () => key('categories'),
  settings: () => key('settings'),
  priorityMatrix: () => key('priority-matrix'),
  supplierOptions: (serviceId: string | null) => key('supplier-options', serviceId),
  suggestions: (serviceId: string | null, category: string | null) => key('suggestions', serviceId, category),
  incident: (number: string) => [...workItemKeys.item(number), 'incident'] as const,
};

export const useIncident = (number: string) =>
  useQuery({
    queryKey: deskKeys.incident(number),
    queryFn: () => get<IncidentView>(`/api/v1/incidents/${number}`),
  });

/** The assignment groups with their members; staff only, so others do not ask. */
export const useGroups = (enabled = true) =>
  useQuery({
    queryKey: deskKeys.groups(),
    enabled,
    queryFn: () => get<{ items: Group[] }>('/api/v1/groups'),
  });

export const useCategories = () =>
  useQuery({
    queryKey: deskKeys.categories(),
    queryFn: () => get<{ items: Category[] }>('/api/v1/service-desk/categories'),
  });

export const useDeskSettings = (enabled = true) =>
  useQuery({
    queryKey: deskKeys.settings(),
    enabled,
    queryFn: () =>
      get<{ resolutionCodes: string[]; pendingReasons: string[] }>('/api/v1/service-desk/settings'),
  });

export const usePriorityMatrix = () =>
  useQuery({
    queryKey: deskKeys.priorityMatrix(),
    queryFn: () =>
      get<{ cells: Array<{ impact: number; urgency: number; priority: number }> }>(
        '/api/v1/service-desk/priority-matrix',
      ),
  });

/** The suppliers under contract for a service, to say which one an incident waits on. */
export const useSupplierOptions = (serviceId: string | null, enabled: boolean) =>
  useQuery({
    queryKey: deskKeys.supplierOptions(serviceId),
    queryFn: () =>
      get<{ items: SupplierOption[] }>(`/api/v1/incidents/supplier-options?${query({ serviceId })}`),
    enabled: enabled && !!serviceId,
  });

/** The groups that usually take incidents of this service and category. */
export const useAssignmentSuggestions = (serviceId: string | null, category: string | null) =>
  useQuery({
    queryKey: deskKeys.suggestions(serviceId, category),
    enabled: !!(serviceId || category),
    queryFn: () =>
      get<{ items: Suggestion[] }>(
        `/api/v1/incidents/assignment-suggestions?${query({ serviceId, category })}`,
      ),
  });

/** Records an incident (from the workspace or the portal); the new incident's number comes back. */
export const useRecordIncident = (hooks?: SaveHooks<NewIncident, { number: string }>) =>
  useSaveMutation({
    send: (body: NewIncident) => send<{ number: string }>('POST', '/api/v1/incidents', body),
    refresh: [workItemKeys.lists(), workItemKeys.queues()],
    ...hooks,
  });

type Versioned<T> = T & { version: number };

/** Changes an incident's fields (group, assignee, impact, urgency, category, CIs) at the version read. */
export const useUpdateIncident = (number: string, hooks?: SaveHooks<Versioned<{ patch: object }>, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: ({ patch, version }: Versioned<{ patch: object }>) =>
      send('PATCH', `/api/v1/incidents/${number}`, patch, version),
    refresh: itemChanged(number),
    ...hooks,
  });

export const useIncidentTransition = (number: string, hooks?: SaveHooks<TransitionRequest, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: ({ to, input, version }: TransitionRequest) =>
      send('POST', `/api/v1/incidents/${number}/transitions`, { to, ...input }, version),
    refresh: itemChanged(number),
    ...hooks,
  });

/** An escalation as the form sends it: a functional one may have no group yet, which the server names. */
type EscalationForm = Escalate | { kind: 'functional'; groupId: string | null; reason: string };

export const useEscalate = (number: string, hooks?: SaveHooks<EscalationForm, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: (body: EscalationForm) => send('POST', `/api/v1/incidents/${number}/escalations`, body),
    refresh: itemChanged(number),
    ...hooks,
  });

/** Declares the incident major with its owner, or names another owner for a major incident. */
export const useMajor = (number: string) =>
  useSaveMutation({
    noForm: true,
    send: (body: { ownerId: string; reason: string }) =>
      send('PUT', `/api/v1/incidents/${number}/major`, body),
    refresh: itemChanged(number),
  });

export const useMajorUpdate = (
  number: string,
  hooks?: SaveHooks<{ audience: string; body: string }, unknown>,
) =>
  useSaveMutation({
    noForm: true,
    send: (body: { audience: string; body: string }) =>
      send('POST', `/api/v1/incidents/${number}/major/updates`, body),
    refresh: itemChanged(number),
    ...hooks,
  });

export const useSaveReview = (number: string) =>
  useSaveMutation({
    noForm: true,
    send: ({ version, ...body }: Versioned<Review & { complete: boolean }>) =>
      send('PATCH', `/api/v1/incidents/${number}/review`, body, version),
    refresh: itemChanged(number),
  });

/** Says why a clock missed its target; the reason shows in the agreement's service level report. */
export const useExplainBreach = (
  number: string,
  hooks?: SaveHooks<{ metric: string; scope: string; reason: string }, unknown>,
) =>
  useSaveMutation({
    noForm: true,
    send: ({ metric, ...body }: { metric: string; scope: string; reason: string }) =>
      send('PUT', `/api/v1/incidents/${number}/clocks/${metric}/breach-reason`, body),
    refresh: itemChanged(number),
    ...hooks,
  });
