import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { FieldChange } from '../../kernel/http/params.ts';
import type { Mail } from '../../kernel/mail/routes.ts';
import type { Attachment, Comment, LinkRow, Rating, WorkItemView } from '../../kernel/records/shapes.ts';
import type { ClockView } from '../../modules/agreements/index.ts';
import type { Person, WorkItemRow } from '../../modules/servicedesk/index.ts';
import { api, get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';

/**
 * Work items of every type, as the web reads and writes them: the lists (the workspace's queues, a
 * requester's own items), the people search, and what every item has (comments, history, mails, links,
 * attachments, the requester's rating). Each type's own answer (an incident, a change, a request) lives in
 * its area's data.ts, under the item's key here, so refreshing an item refreshes all that is shown of it.
 */
/** A service level clock on a work item, as incidents and requests answer with it. */
export type Clock = ClockView;
/** What a clock's badge shows: enough of a clock for a list row too. */
export type ClockFace = Pick<
  Clock,
  'metric' | 'scope' | 'state' | 'remainingMs' | 'deadline' | 'pausedFor' | 'breached' | 'warned'
>;

/** A step the reader may take now, and the inputs it asks for (the kernel's transition shape). */
export type TransitionChoice = WorkItemView['transitions'][number];
/** Taking a step: to which state, with what input, at the version the page read. */
export type TransitionRequest = { to: string; input: Record<string, string>; version: number };

export type { WorkItemAbilities, WorkItemView } from '../../kernel/records/shapes.ts';
/** One row of the work-item list (GET /api/v1/work-items, the service desk's workspace). */
export type { Attachment, Comment, FieldChange, LinkRow, Mail, Person, WorkItemRow };

type CursorPage<T> = { items: T[]; nextCursor: string | null };

export type ItemRating = Rating | null;

const key = areaKeys('work-items');
export const workItemKeys = {
  all: key(),
  lists: () => key('list'),
  list: (query: string) => key('list', query),
  queues: () => key('queues'),
  people: (search: string, filter: object) => key('people', search, filter),
  /** One item: its type's answer and everything shown beside it. */
  item: (number: string) => key('item', number),
  comments: (number: string, version: number) => key('item', number, 'comments', version),
  history: (number: string, version: number) => key('item', number, 'history', version),
  mails: (number: string, version: number) => key('item', number, 'mails', version),
  links: (number: string, version: number) => key('item', number, 'links', version),
  attachments: (number: string, version: number) => key('item', number, 'attachments', version),
  rating: (number: string) => key('item', number, 'rating'),
};

/** What an item's change makes stale: the item and every list and count it may appear in. */
export const itemChanged = (number: string) => [
  workItemKeys.item(number),
  workItemKeys.lists(),
  workItemKeys.queues(),
];

/** The work-item list for a filter (the workspace's query string), page by page. */
export function useWorkItemList(filter: string, pageSize = 50) {
  return useInfiniteQuery({
    queryKey: workItemKeys.list(`${pageSize}&${filter}`),
    queryFn: ({ pageParam }) =>
      get<CursorPage<WorkItemRow>>(
        `/api/v1/work-items?limit=${pageSize}&${filter}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useQueueCounts = () =>
  useQuery({
    queryKey: workItemKeys.queues(),
    queryFn: () => get<Record<string, number>>('/api/v1/work-items/queues'),
  });

/** Sets fields on the selected items at once (assign them, give them to a group). */
export const useBulkUpdate = (hooks?: SaveHooks<{ numbers: string[]; set: object }, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: (body: { numbers: string[]; set: object }) => send('POST', '/api/v1/work-items/bulk', body),
    refresh: [workItemKeys.lists(), workItemKeys.queues()],
    ...hooks,
  });

/** People to name on an item, by a search; `ids` are included whatever the search (the chosen one). */
export function usePeople(
  search: string,
  filter: { workers?: boolean; staff?: boolean; ids?: string | null },
) {
  return useQuery({
    queryKey: workItemKeys.people(search, filter),
    queryFn: () =>
      get<{ items: Person[] }>(
        `/api/v1/people?${query({
          limit: 20,
          q: search,
          workers: filter.workers || undefined,
          staff: filter.staff || undefined,
          ids: filter.ids,
        })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

/** An item's comments, field changes and mails, fetched again whenever its version moves. */
export function useTimeline(number: string, version: number) {
  const comments = useQuery({
    queryKey: workItemKeys.comments(number, version),
    queryFn: () => get<{ items: Comment[] }>(`/api/v1/work-items/${number}/comments`),
  });
  const history = useQuery({
    queryKey: workItemKeys.history(number, version),
    queryFn: () => get<{ items: FieldChange[] }>(`/api/v1/work-items/${number}/history`),
  });
  const mails = useQuery({
    queryKey: workItemKeys.mails(number, version),
    queryFn: () => get<{ items: Mail[] }>(`/api/v1/work-items/${number}/mails`),
  });
  return {
    comments: comments.data?.items ?? [],
    history: history.data?.items ?? [],
    mails: mails.data?.items ?? [],
  };
}

export const useComment = (number: string, hooks?: SaveHooks<{ body: string; internal: boolean }, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: (body: { body: string; internal: boolean }) =>
      send('POST', `/api/v1/work-items/${number}/comments`, body),
    // a comment does not move the item's version: the item is asked again
    refresh: [workItemKeys.item(number)],
    ...hooks,
  });

export function useLinksAndFiles(number: string, version: number) {
  const links = useQuery({
    queryKey: workItemKeys.links(number, version),
    queryFn: () => get<{ items: LinkRow[] }>(`/api/v1/work-items/${number}/links`),
  });
  const files = useQuery({
    queryKey: workItemKeys.attachments(number, version),
    queryFn: () => get<{ items: Attachment[] }>(`/api/v1/work-items/${number}/attachments`),
  });
  return { links: links.data?.items ?? [], files: files.data?.items ?? [] };
}

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}`;

export const useAddLink = (number: string, hooks?: SaveHooks<{ to: string; kind: string | null }, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: (body: { to: string; kind: string | null }) =>
      send('POST', `/api/v1/work-items/${number}/links`, body),
    refresh: [workItemKeys.item(number)],
    ...hooks,
  });

export const useAttach = (number: string) =>
  useSaveMutation({
    noForm: true,
    send: async (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return (await api(`/api/v1/work-items/${number}/attachments`, { method: 'POST', form })).data;
    },
    refresh: [workItemKeys.item(number)],
  });

export function useRating(number: string) {
  return useQuery({
    queryKey: workItemKeys.rating(number),
    queryFn: () => get<{ rating: ItemRating }>(`/api/v1/work-items/${number}/rating`),
  });
}

/** The requester's rating, which confirms and closes the item. */
export const useRate = (number: string, hooks?: SaveHooks<{ score: number; comment: string }, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: (body: { score: number; comment: string }) =>
      send('POST', `/api/v1/work-items/${number}/rating`, body),
    refresh: itemChanged(number),
    ...hooks,
  });

/** Keel's server-sent events: a work item someone changed. */
export const eventsUrl = '/api/v1/events';
