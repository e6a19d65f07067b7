import { useQuery } from '@tanstack/react-query';
import { ApiProblem, get, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import type { Language, Me } from '../types.ts';

/** Signing in and out, the first administrator's setup, setting a password, the person's own settings. */

const key = areaKeys('auth');
export const authKeys = { me: () => key('me'), setup: () => key('setup') };

/** The signed-in person, or null when nobody is (a 401). */
export const useMeQuery = () =>
  useQuery({
    queryKey: authKeys.me(),
    queryFn: async () => {
      try {
        return await get<Me>('/api/v1/me');
      } catch (e) {
        if (e instanceof ApiProblem && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });

/** Whether Keel still waits for its first administrator. */
export const useSetupStatus = () =>
  useQuery({ queryKey: authKeys.setup(), queryFn: () => get<{ needed: boolean }>('/api/v1/setup') });

export const useSetup = (hooks?: SaveHooks<{ name: string; email: string; password: string }, unknown>) =>
  useSaveMutation({
    send: (body: { name: string; email: string; password: string }) => send('POST', '/api/v1/setup', body),
    ...hooks,
  });

export const useLogin = (hooks?: SaveHooks<{ email: string; password: string }, Me>) =>
  useSaveMutation({
    send: (body: { email: string; password: string }) => send<Me>('POST', '/api/v1/auth/login', body),
    ...hooks,
  });

/** Sets a password with the token of an invitation or reset link. */
export const useSetPassword = (
  hooks?: SaveHooks<{ token: string | null; password: string }, { email: string }>,
) =>
  useSaveMutation({
    send: (body: { token: string | null; password: string }) =>
      send<{ email: string }>('POST', '/api/v1/auth/set-password', body),
    ...hooks,
  });

/** The language the person works in, kept for them (not for the browser tab). */
export const useChooseLanguage = (hooks?: SaveHooks<Language, Me>) =>
  useSaveMutation({
    send: (language: Language) => send<Me>('PATCH', '/api/v1/me', { language }),
    noForm: true,
    ...hooks,
  });

/** Signs out; the session ends on the server whatever the answer, so a failure is not shown. */
export const signOut = () => send('POST', '/api/v1/auth/logout').catch(() => undefined);
