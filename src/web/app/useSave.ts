import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api } from '../api.ts';
import { showProblem } from './showProblem.ts';

/**
 * Saves a form through the API: field errors land on their fields, any other problem in a notice; on success
 * the named queries are refreshed and `onDone` runs. `version` sends If-Match.
 */
export function useSave(refresh: string[][], onDone: () => void) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async (path: string, method: 'POST' | 'PATCH' | 'PUT', body: object, version?: number) => {
    setErrors({});
    try {
      await api(path, { method, body, headers: version ? { 'if-match': `"${version}"` } : undefined });
      for (const queryKey of refresh) await qc.invalidateQueries({ queryKey });
      onDone();
    } catch (e) {
      if (e instanceof ApiProblem && e.errors.length) setErrors(e.fieldErrors());
      else showProblem(t('common.error'), e);
    }
  };
  return { errors, save };
}
