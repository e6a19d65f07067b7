import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ApiToken, Customer, User } from '../../modules/administration/index.ts';
import { api, get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import type { Language, Page } from '../types.ts';

/** Administration: people and their access roles, API tokens, the customer organisations. */
export type { ApiToken, Customer, User };

const key = areaKeys('admin');
export const adminKeys = {
  users: () => key('users'),
  userPage: (filter: string) => key('users', 'page', filter),
  userSearch: (search: string) => key('users', 'search', search),
  user: (id: string) => key('users', 'one', id),
  tokens: () => key('tokens'),
  customers: () => key('customers'),
};

/** One page of people for a filter (name or e-mail, role, active or not). */
export function useUsers(
  filter: { q?: string; role?: string | null; active?: string | null },
  page: number,
  size: number,
) {
  const params = query({ limit: size, offset: (page - 1) * size, ...filter });
  return useQuery({
    queryKey: adminKeys.userPage(params),
    queryFn: () => get<Page<User>>(`/api/v1/users?${params}`),
    placeholderData: keepPreviousData,
  });
}

/** Active people found by a search, to pick one. */
export const useUserSearch = (search: string) =>
  useQuery({
    queryKey: adminKeys.userSearch(search),
    queryFn: () => get<Page<User>>(`/api/v1/users?${query({ active: true, limit: 20, q: search })}`),
    placeholderData: keepPreviousData,
  });

/** One person with the ETag an edit sends back; never kept once the dialog closes. */
export const useUser = (id: string) =>
  useQuery({ queryKey: adminKeys.user(id), queryFn: () => api<User>(`/api/v1/users/${id}`), gcTime: 0 });

export type NewUser = { name: string; email: string; roles: string[]; language: Language; password?: string };

/** Adds a person; without a password, the answer carries an invitation link to set one. */
export const useCreateUser = (hooks?: SaveHooks<NewUser, { user: User; invitationLink?: string }>) =>
  useSaveMutation({
    send: (body: NewUser) => send<{ user: User; invitationLink?: string }>('POST', '/api/v1/users', body),
    refresh: [adminKeys.users()],
    ...hooks,
  });

export const useUpdateUser = (id: string, hooks?: SaveHooks<{ patch: object; etag: string }, unknown>) =>
  useSaveMutation({
    send: ({ patch, etag }: { patch: object; etag: string }) =>
      send('PATCH', `/api/v1/users/${id}`, patch, etag),
    refresh: [adminKeys.users()],
    ...hooks,
  });

/** A password reset link for the person, shown once. */
export const usePasswordReset = (id: string, hooks?: SaveHooks<void, { resetLink?: string }>) =>
  useSaveMutation({
    send: () => send<{ resetLink?: string }>('POST', `/api/v1/users/${id}/password-reset`, {}),
    ...hooks,
  });

export const useTokens = () =>
  useQuery({ queryKey: adminKeys.tokens(), queryFn: () => get<{ items: ApiToken[] }>('/api/v1/api-tokens') });

export type NewToken = { userId: string | null; name: string; scopes: string[]; expiresAt: string | null };

/** Creates an API token; the secret comes back once. */
export const useCreateToken = (hooks?: SaveHooks<NewToken, { token: string }>) =>
  useSaveMutation({
    send: (body: NewToken) => send<{ token: string }>('POST', '/api/v1/api-tokens', body),
    refresh: [adminKeys.tokens()],
    ...hooks,
  });

export const useRevokeToken = () =>
  useSaveMutation({
    send: (id: string) => send('DELETE', `/api/v1/api-tokens/${id}`),
    refresh: [adminKeys.tokens()],
  });

/** The customer organisations; staff only, so others do not ask. */
export const useCustomers = (enabled = true) =>
  useQuery({
    queryKey: adminKeys.customers(),
    enabled,
    queryFn: () => get<{ items: Customer[] }>('/api/v1/customers'),
  });
