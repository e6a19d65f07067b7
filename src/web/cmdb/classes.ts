import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AttributeDef, Names } from '../../modules/cmdb/index.ts';
import { get } from '../api.ts';
import { localName } from '../app/names.ts';

export type CiClass = {
  key: string;
  names: Names;
  description: string;
  attributes: AttributeDef[];
  builtIn: boolean;
  version: number;
};

/** The CI classes, and the class name of a key in the reader's language. */
export function useClasses() {
  const { i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['ci-classes'],
    queryFn: () => get<{ items: CiClass[] }>('/api/v1/ci-classes'),
    staleTime: 60_000,
  });
  const byKey = new Map((q.data?.items ?? []).map((c) => [c.key, c]));
  return {
    classes: q.data?.items ?? [],
    byKey,
    nameOf: (key: string) => localName(byKey.get(key)?.names, i18n.language) || key,
  };
}

export { ciStatuses } from '../../modules/cmdb/lifecycle.ts';
