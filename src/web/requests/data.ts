import { useQuery } from '@tanstack/react-query';
import type {
  CatalogueItemView,
  CatalogueService,
  NewRequest,
  OrderableItem,
  OrderField,
  RequestView,
  TaskView,
} from '../../modules/requests/index.ts';
import { get, query, saveRecord, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import { itemChanged, workItemKeys } from '../records/data.ts';

/**
 * Service requests: the catalogue customers order from, the catalogue items' definitions, a request with its
 * approvals and tasks, and a fulfilment task. Types come from the requests module's face.
 */

/** A catalogue item's form field as the catalogue sends it: in the reader's language. */
export type Field = OrderField;
export type RequestItem = OrderableItem;
export type { CatalogueService };
/** A form field as its catalogue item declares it, with its labels in every language. */
export type FieldDef = CatalogueItemView['form'][number];
export type Approver = CatalogueItemView['approval']['approvers'][number];
/** Rows being edited carry a key of their own (`_k`), so React keeps each input with its row. */
export type Keyed<T> = T & { _k?: number };
/** A catalogue item as its editor holds it: a new one has no id or version yet. */
export type CatalogueItemDef = Omit<CatalogueItemView, 'id' | 'version' | 'form' | 'approval' | 'tasks'> & {
  id?: string;
  version?: number;
  form: Keyed<FieldDef>[];
  approval: { mode: CatalogueItemView['approval']['mode']; approvers: Keyed<Approver>[] };
  tasks: Keyed<CatalogueItemView['tasks'][number]>[];
};
export type { RequestView as ServiceRequest, TaskView as Task };

const key = areaKeys('requests');
export const requestKeys = {
  catalogue: (language: string) => key('catalogue', language),
  items: () => key('catalogue-items'),
  itemsOf: (serviceId: string) => key('catalogue-items', serviceId),
  choices: (itemId: string, field: string, search: string) => key('choices', itemId, field, search),
  request: (number: string) => [...workItemKeys.item(number), 'request'] as const,
  task: (number: string) => [...workItemKeys.item(number), 'task'] as const,
};

/** What the reader may order, by service, in their language. */
export const useCatalogue = (language: string) =>
  useQuery({
    queryKey: requestKeys.catalogue(language),
    queryFn: () => get<{ items: CatalogueService[] }>(`/api/v1/catalogue?language=${language}`),
  });

/** The catalogue items defined under a service, for its keepers. */
export const useCatalogueItems = (serviceId: string) =>
  useQuery({
    queryKey: requestKeys.itemsOf(serviceId),
    queryFn: () => get<{ items: CatalogueItemView[] }>(`/api/v1/catalogue-items?serviceId=${serviceId}`),
  });

type ItemSave = { id?: string; version?: number; serviceId: string; body: object };

/** Defines a catalogue item, or changes one at the version read. */
export const useSaveCatalogueItem = (hooks?: SaveHooks<ItemSave, unknown>) =>
  useSaveMutation({
    send: async ({ id, version, serviceId, body }: ItemSave) =>
      (
        await saveRecord('/api/v1/catalogue-items', id ? { id, ifMatch: `"${version}"` } : null, body, {
          ...body,
          serviceId,
        })
      ).data,
    refresh: [requestKeys.items()],
    ...hooks,
  });

/** The people or CIs a field may name, searched; the server scopes them to the orderer. */
export const useFieldChoices = (itemId: string, field: string, search: string) =>
  useQuery({
    queryKey: requestKeys.choices(itemId, field, search),
    queryFn: () =>
      get<{ items: Array<{ value: string; label: string }> }>(
        `/api/v1/catalogue-items/${itemId}/fields/${field}/choices?${query({ q: search })}`,
      ),
  });

/** An order as the order page sends it: the request's body, for oneself. */
export type Order = Omit<NewRequest, 'requesterId'>;

/** Orders a catalogue item; the new request's number comes back. */
export const useOrder = (hooks?: SaveHooks<Order, { number: string }>) =>
  useSaveMutation({
    send: (body: Order) => send<{ number: string }>('POST', '/api/v1/requests', body),
    refresh: [workItemKeys.lists()],
    // the form's fields are the answers' keys
    fieldName: (field) => field.replace(/^answers\./, ''),
    ...hooks,
  });

export const useRequest = (number: string) =>
  useQuery({
    queryKey: requestKeys.request(number),
    queryFn: () => get<RequestView>(`/api/v1/requests/${number}`),
  });

export const useRequestTransition = (number: string, hooks?: SaveHooks<RequestStep, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: ({ to, reason, version }: RequestStep) =>
      send('POST', `/api/v1/requests/${number}/transitions`, { to, ...(reason ? { reason } : {}) }, version),
    refresh: itemChanged(number),
    ...hooks,
  });
type RequestStep = { to: string; reason?: string; version: number };

/** An approver's decision on a request, with their comment. */
export const useDecide = (number: string, hooks?: SaveHooks<Decision, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: ({ id, ...body }: Decision) => send('POST', `/api/v1/requests/${number}/approvals/${id}`, body),
    refresh: itemChanged(number),
    ...hooks,
  });
type Decision = { id: number; decision: 'approved' | 'rejected'; comment: string };

export const useTask = (number: string) =>
  useQuery({ queryKey: requestKeys.task(number), queryFn: () => get<TaskView>(`/api/v1/tasks/${number}`) });

/** Starts, completes or cancels a task; its request moves with it. */
export const useTaskTransition = (
  number: string,
  requestNumber: string | undefined,
  hooks?: SaveHooks<TaskStep, unknown>,
) =>
  useSaveMutation({
    noForm: true,
    send: ({ name, reason, version }: TaskStep) =>
      send('POST', `/api/v1/work-items/${number}/transitions/${name}`, reason ? { reason } : {}, version),
    refresh: [...itemChanged(number), ...(requestNumber ? [workItemKeys.item(requestNumber)] : [])],
    ...hooks,
  });
type TaskStep = { name: string; reason?: string; version: number };
