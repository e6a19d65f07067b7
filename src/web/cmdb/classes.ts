import { useTranslation } from 'react-i18next';
import { localName } from '../app/names.ts';
import { type CiClass, useCiClassList } from './data.ts';

export type { CiClass };

/** The CI classes, and the class name of a key in the reader's language. */
export function useClasses() {
  const { i18n } = useTranslation();
  const q = useCiClassList();
  const byKey = new Map((q.data?.items ?? []).map((c) => [c.key, c]));
  return {
    classes: q.data?.items ?? [],
    byKey,
    nameOf: (key: string) => localName(byKey.get(key)?.names, i18n.language) || key,
  };
}

export { ciStatuses } from '../../modules/cmdb/lifecycle.ts';
