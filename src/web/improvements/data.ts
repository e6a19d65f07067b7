import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CriterionView,
  ImprovementPatch,
  ImprovementRow,
  ImprovementView,
  NewImprovement,
} from '../../modules/improvements/index.ts';
import { get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import type { TransitionRequest } from '../records/data.ts';
import type { Page } from '../types.ts';

/**
 * The improvement register as the web reads and writes it (ISO/IEC 20000-1 10.2, docs/check-and-act.md):
 * the criteria opportunities are scored by, the register ranked by score, one improvement with its
 * decision, plan and measured benefit.
 */
export type {
  CriterionView as Criterion,
  ImprovementPatch,
  ImprovementRow,
  ImprovementView as Improvement,
  NewImprovement,
};

/** A new criterion: its key, name, weight (1–5) and whether a higher score is better. */
export type NewCriterion = Pick<CriterionView, 'key' | 'name' | 'description' | 'weight' | 'higherIsBetter'>;
/** A change to a criterion, or its retirement. */
export type CriterionPatch = Partial<Omit<CriterionView, 'id' | 'key' | 'version'>>;

const key = areaKeys('improvements');
export const improvementKeys = {
  all: key(),
  list: (filter: string) => key('list', filter),
  one: (id: string) => key('one', id),
  criteria: () => key('criteria'),
};

export type ImprovementFilter = { state: string | null; source: string | null; process: string | null };

/** A page of the register, best scored first, as the filters ask. */
export function useImprovements(f: ImprovementFilter, page: number, size: number) {
  const params = query({
    limit: size,
    offset: (page - 1) * size,
    sort: 'score',
    state: f.state,
    source: f.source,
    process: f.process,
  });
  return useQuery({
    queryKey: improvementKeys.list(params),
    queryFn: () => get<Page<ImprovementRow>>(`/api/v1/improvements?${params}`),
    placeholderData: keepPreviousData,
  });
}

export const useImprovement = (id: string) =>
  useQuery({
    queryKey: improvementKeys.one(id),
    queryFn: () => get<ImprovementView>(`/api/v1/improvements/${id}`),
  });

export const useCriteria = () =>
  useQuery({
    queryKey: improvementKeys.criteria(),
    queryFn: () => get<{ items: CriterionView[] }>('/api/v1/improvement-criteria'),
  });

/** Proposes an opportunity; the new one comes back (its id opens its page). */
export const useProposeImprovement = (hooks?: SaveHooks<NewImprovement, ImprovementView>) =>
  useSaveMutation({
    send: (body: NewImprovement) => send<ImprovementView>('POST', '/api/v1/improvements', body),
    refresh: [improvementKeys.all],
    ...hooks,
  });

export const useUpdateImprovement = (
  id: string,
  hooks?: SaveHooks<{ patch: ImprovementPatch; version: number }, unknown>,
) =>
  useSaveMutation({
    send: ({ patch, version }: { patch: ImprovementPatch; version: number }) =>
      send('PATCH', `/api/v1/improvements/${id}`, patch, version),
    refresh: [improvementKeys.all],
    ...hooks,
  });

/**
 * A step of its life (approve, reject, start, realise, withdraw, propose again). The dialog's inputs are
 * text; the value measured after realising is a number to the API.
 */
export const useImprovementStep = (id: string, hooks?: SaveHooks<TransitionRequest, unknown>) =>
  useSaveMutation({
    send: ({ to, input, version }: TransitionRequest) => {
      const { measured, ...rest } = input;
      const body = { to, ...rest, ...(measured?.trim() ? { measured: Number(measured) } : {}) };
      return send('POST', `/api/v1/improvements/${id}/transitions`, body, version);
    },
    refresh: [improvementKeys.all],
    ...hooks,
  });

export type NewPlanAction = { title: string; responsibleId: string | null; due: string | null };

export const useAddImprovementAction = (id: string, hooks?: SaveHooks<NewPlanAction, unknown>) =>
  useSaveMutation({
    send: (body: NewPlanAction) => send('POST', `/api/v1/improvements/${id}/actions`, body),
    refresh: [improvementKeys.all],
    ...hooks,
  });

export const useTickImprovementAction = (id: string) =>
  useSaveMutation({
    noForm: true,
    send: ({ actionId, done }: { actionId: string; done: boolean }) =>
      send('PATCH', `/api/v1/improvements/${id}/actions/${actionId}`, { done }),
    refresh: [improvementKeys.all],
  });

export const useAddCriterion = (hooks?: SaveHooks<NewCriterion, unknown>) =>
  useSaveMutation({
    send: (body: NewCriterion) => send('POST', '/api/v1/improvement-criteria', body),
    // every score is weighed again
    refresh: [improvementKeys.all],
    ...hooks,
  });

export const useUpdateCriterion = (
  hooks?: SaveHooks<{ id: string; version: number; patch: CriterionPatch }, unknown>,
) =>
  useSaveMutation({
    send: ({ id, version, patch }: { id: string; version: number; patch: CriterionPatch }) =>
      send('PATCH', `/api/v1/improvement-criteria/${id}`, patch, version),
    refresh: [improvementKeys.all],
    ...hooks,
  });
