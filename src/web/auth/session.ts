import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { holdsAny } from '../../kernel/access/roles.ts';
import { setCsrfToken } from '../api.ts';
import i18n from '../i18n/index.ts';
import type { Me, Role } from '../types.ts';
import { authKeys, useMeQuery } from './data.ts';

/** The signed-in person, or null; keeps the CSRF token and the UI language in step with the session. */
export function useMe() {
  const q = useMeQuery();
  useEffect(() => {
    setCsrfToken(q.data?.csrfToken);
    if (q.data && i18n.language !== q.data.language) void i18n.changeLanguage(q.data.language);
  }, [q.data]);
  return q;
}

export function useSetMe() {
  const qc = useQueryClient();
  return (me: Me | null) => {
    setCsrfToken(me?.csrfToken);
    qc.setQueryData(authKeys.me(), me);
    if (me) void i18n.changeLanguage(me.language);
  };
}

/**
 * Whether the signed-in person holds any of these roles: the kernel's own rule, so the web asks the question
 * the server asks. Work-item pages ask the answer's abilities and transitions instead.
 */
export const can = (me: Me | null | undefined, roles: readonly Role[]) => holdsAny(me, roles);
