import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ServiceView, TechnicalView } from '../../modules/portfolio/index.ts';
import { api, get, query, saveRecord } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';

/** The service portfolio: services with their catalogue texts, and what each is built from. */
export type { ServiceView, TechnicalView };
/** A service as a pick list offers it. */
export type ServiceChoice = Pick<ServiceView, 'id' | 'name' | 'status'>;

const key = areaKeys('services');
export const serviceKeys = {
  all: key(),
  list: (filter: string) => key('list', filter),
  choices: () => key('choices'),
  one: (id: string) => key('one', id),
  technical: (id: string) => key('one', id, 'technical'),
};

export function useServices(filter: { q?: string; status?: string | null }) {
  const params = query({ limit: 50, q: filter.q, status: filter.status });
  return useInfiniteQuery({
    queryKey: serviceKeys.list(params),
    queryFn: ({ pageParam }) =>
      get<{ items: ServiceView[]; nextCursor: string | null }>(
        `/api/v1/services?${params}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Every service, for pick lists (a scope, an agreement, an incident); staff only, so others do not ask. */
export const useServiceChoices = (enabled = true) =>
  useQuery({
    queryKey: serviceKeys.choices(),
    enabled,
    queryFn: () => get<{ items: ServiceChoice[] }>('/api/v1/services?limit=500'),
  });

/** One service with its ETag, which an edit sends back. */
export const useService = (id: string) =>
  useQuery({ queryKey: serviceKeys.one(id), queryFn: () => api<ServiceView>(`/api/v1/services/${id}`) });

export const useTechnicalView = (id: string) =>
  useQuery({
    queryKey: serviceKeys.technical(id),
    queryFn: () => get<TechnicalView>(`/api/v1/services/${id}/technical-view`),
  });

type ServiceSave = { editing: { id: string; ifMatch: string } | undefined; body: object };

/** Adds a service, or changes the one being edited at the version read. */
export const useSaveService = (hooks?: SaveHooks<ServiceSave, ServiceView>) =>
  useSaveMutation({
    send: async ({ editing, body }: ServiceSave) =>
      (await saveRecord<ServiceView>('/api/v1/services', editing, body)).data,
    refresh: [serviceKeys.all],
    ...hooks,
  });
