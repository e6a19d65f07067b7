import { useQuery } from '@tanstack/react-query';
import { get, query, saveRecord, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import { type Clock, itemChanged, type WorkItemView, workItemKeys } from '../records/data.ts';

/**
 * Service requests: the catalogue customers order from, the catalogue items' definitions, a request with its
 * approvals and tasks, and a fulfilment task. Types are local until the requests module exports them.
 */

/** A catalogue item's form field as the catalogue sends it: in the reader's language. */
export type Field = {
  key: string;
  label: string;
  type: 'text' | 'choice' | 'date' | 'user' | 'ci' | 'number';
  required?: boolean;
  help?: string;
  maxLength?: number;
  multiline?: boolean;
  options?: Array<{ value: string; label: string }>;
  multiple?: boolean;
  min?: number | string;
  max?: number | string;
  integer?: boolean;
};
export type RequestItem = {
  id: string;
  code: string;
  name: string;
  description: string;
  needsApproval: boolean;
  form: Field[];
};
export type CatalogueService = {
  id: string;
  name: string;
  description: string;
  hoursOfService: string;
  requestItems: RequestItem[];
};

type Texts = { en: string; nl?: string; da?: string };
type ItemText = { name: string; description: string };
/** A form field as its catalogue item declares it, with its labels in every language. */
export type FieldDef = {
  key: string;
  label: Texts;
  type: 'text' | 'choice' | 'date' | 'user' | 'ci' | 'number';
  required?: boolean;
  multiline?: boolean;
  multiple?: boolean;
  options?: Array<{ value: string; label: Texts }>;
  min?: number | string;
  max?: number | string;
  integer?: boolean;
  ciClass?: string;
};
export type Approver =
  | { kind: 'manager' }
  | { kind: 'service_owner' }
  | { kind: 'role'; role: string }
  | { kind: 'person'; userId: string };
/** Rows being edited carry a key of their own (`_k`), so React keeps each input with its row. */
export type Keyed<T> = T & { _k?: number };
export type CatalogueItemDef = {
  id?: string;
  version?: number;
  code: string;
  serviceId: string;
  texts: { en: ItemText; nl?: ItemText; da?: ItemText };
  form: Keyed<FieldDef>[];
  approval: { mode: 'none' | 'all' | 'any'; approvers: Keyed<Approver>[] };
  tasks: Keyed<{ title: string; instructions?: string; groupId?: string | null }>[];
  customerIds: string[];
  active: boolean;
  mailAddress: string | null;
};

/** A service request as `GET /api/v1/requests/{number}` gives it. */
export type ServiceRequest = WorkItemView & {
  catalogueItem: { name: string };
  answers: Array<{ key: string; label: string; shown: string }>;
  approvalMode: string;
  approvals: Array<{
    id: number;
    kind: string;
    approver: string | null;
    role: string | null;
    decision: string;
    decidedBy: string | null;
    comment: string;
    mine: boolean;
  }>;
  tasks: Array<{
    number: string;
    title: string;
    state: string;
    group: string | null;
    assignee: string | null;
    instructions: string;
  }>;
  clocks: Clock[];
  rating: { score: number; comment: string } | null;
};

/** A fulfilment task as `GET /api/v1/tasks/{number}` gives it. */
export type Task = WorkItemView & {
  request: { number: string; title: string } | null;
  instructions: string;
};

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
    queryFn: () =>
      get<{ items: Array<CatalogueItemDef & { id: string; version: number }> }>(
        `/api/v1/catalogue-items?serviceId=${serviceId}`,
      ),
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

export type Order = { catalogueItemId: string; answers: Record<string, unknown>; note?: string };

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
    queryFn: () => get<ServiceRequest>(`/api/v1/requests/${number}`),
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
  useQuery({ queryKey: requestKeys.task(number), queryFn: () => get<Task>(`/api/v1/tasks/${number}`) });

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
