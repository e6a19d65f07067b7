import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ChangePatch, ChangeRow, ChangeView, NewChange } from '../../modules/changes/index.ts';
import { get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import { itemChanged, type TransitionRequest, workItemKeys } from '../records/data.ts';

/** Change records: the change log, one change, recording and planning it, its steps. */
export type { ChangeRow, ChangeView as Change };

const key = areaKeys('changes');
export const changeKeys = {
  all: key(),
  log: (filter: string) => key('log', filter),
  one: (number: string) => [...workItemKeys.item(number), 'change'] as const,
};

/** The change log, newest first: open changes or all, of one kind or every kind. */
export function useChanges(filter: { open: boolean; kind: string | null }) {
  const params = query({ limit: 50, open: filter.open || undefined, kind: filter.kind });
  return useInfiniteQuery({
    queryKey: changeKeys.log(params),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      get<{ items: ChangeRow[]; nextCursor: string | null }>(
        `/api/v1/changes?${params}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useChange = (number: string) =>
  useQuery({ queryKey: changeKeys.one(number), queryFn: () => get<ChangeView>(`/api/v1/changes/${number}`) });

/** Records a change; the new change's number comes back. */
export const useRecordChange = (hooks?: SaveHooks<NewChange, { number: string }>) =>
  useSaveMutation({
    send: (body: NewChange) => send<{ number: string }>('POST', '/api/v1/changes', body),
    refresh: [changeKeys.all],
    ...hooks,
  });

/** Changes a change's plan at the version read. */
export const useUpdateChange = (
  number: string,
  hooks?: SaveHooks<{ patch: ChangePatch; version: number }, unknown>,
) =>
  useSaveMutation({
    send: ({ patch, version }: { patch: ChangePatch; version: number }) =>
      send('PATCH', `/api/v1/changes/${number}`, patch, version),
    refresh: [...itemChanged(number), changeKeys.all],
    ...hooks,
  });

export const useChangeTransition = (number: string, hooks?: SaveHooks<TransitionRequest, unknown>) =>
  useSaveMutation({
    send: ({ to, input, version }: TransitionRequest) =>
      send('POST', `/api/v1/changes/${number}/transitions`, { to, ...input }, version),
    refresh: [...itemChanged(number), changeKeys.all],
    ...hooks,
  });
