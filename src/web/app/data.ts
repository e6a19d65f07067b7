import { useQuery } from '@tanstack/react-query';
import type { Notification } from '../../kernel/notify/routes.ts';
import type { SavedFilter } from '../../kernel/views/routes.ts';
import { get, send } from '../api.ts';
import { areaKeys } from './keys.ts';
import { type SaveHooks, useSaveMutation } from './useSave.ts';

/** What the shell and several areas share: the person's notifications and their saved filters. */
export type { Notification, SavedFilter };

const key = areaKeys('shared');
export const sharedKeys = {
  notifications: () => key('notifications'),
  savedFilters: (list: string) => key('saved-filters', list),
};

export const useNotifications = () =>
  useQuery({
    queryKey: sharedKeys.notifications(),
    queryFn: () => get<{ items: Notification[]; unread: number }>('/api/v1/notifications?limit=10'),
    refetchInterval: 60_000,
  });

/** Marks some notifications read, or all of them when no ids are given. */
export const useMarkRead = (hooks?: SaveHooks<number[] | undefined, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: (ids: number[] | undefined) => send('POST', '/api/v1/notifications/read', ids ? { ids } : {}),
    refresh: [sharedKeys.notifications()],
    ...hooks,
  });

/** The filters a person saved for a list (the workspace's, the CMDB's), with those shared with their groups. */
export const useSavedFilters = (list: string) =>
  useQuery({
    queryKey: sharedKeys.savedFilters(list),
    queryFn: () => get<{ items: SavedFilter[] }>(`/api/v1/saved-filters?list=${list}`),
  });

export const useSaveFilter = (list: string) =>
  useSaveMutation({
    noForm: true,
    send: (filter: { name: string; query: string; groupId?: string | null }) =>
      send('PUT', '/api/v1/saved-filters', { list, ...filter }),
    refresh: [sharedKeys.savedFilters(list)],
  });

export const useDeleteFilter = (list: string) =>
  useSaveMutation({
    noForm: true,
    send: (id: string) => send('DELETE', `/api/v1/saved-filters/${id}`),
    refresh: [sharedKeys.savedFilters(list)],
  });
