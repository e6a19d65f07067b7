import { useTranslation } from 'react-i18next';
import { isInternal } from '../../kernel/access/roles.ts';
import { useCustomers } from '../admin/data.ts';
import { useMe } from '../auth/session.ts';
import { useServiceChoices } from '../portfolio/data.ts';
import { useCategories, useDeskSettings, useGroups, usePriorityMatrix } from './data.ts';

/** The lists the service desk's forms pick from, fetched once and shared by every screen. */
export function useDeskOptions() {
  const { i18n } = useTranslation();
  // customers open incident pages too; the desk's own lists are staff-only, so they are not asked for
  const me = useMe().data;
  const staff = !!me && isInternal(me);
  const groups = useGroups(staff);
  const categories = useCategories();
  const services = useServiceChoices(staff);
  const customers = useCustomers(staff);
  const settings = useDeskSettings(staff);
  const matrix = usePriorityMatrix();
  const lang = i18n.language as 'en' | 'nl' | 'da';
  return {
    groups: groups.data?.items ?? [],
    groupOptions: (groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name })),
    categoryOptions: (categories.data?.items ?? [])
      .filter((c) => c.active)
      .map((c) => ({ value: c.code, label: c.names[lang] ?? c.names.en ?? c.code })),
    categoryName: (code: string | null) => {
      const c = categories.data?.items.find((x) => x.code === code);
      return c ? (c.names[lang] ?? c.names.en ?? c.code) : (code ?? '');
    },
    serviceOptions: (services.data?.items ?? [])
      .filter((s) => s.status !== 'retired')
      .map((s) => ({ value: s.id, label: s.name })),
    customerOptions: (customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
    resolutionCodes: settings.data?.resolutionCodes ?? [],
    pendingReasons: settings.data?.pendingReasons ?? [],
    priorityOf: (impact: number, urgency: number) =>
      matrix.data?.cells.find((c) => c.impact === impact && c.urgency === urgency)?.priority ?? null,
  };
}

export const priorityColour = (p: number | null) =>
  p === 1 ? 'red' : p === 2 ? 'orange' : p === 3 ? 'yellow' : p === 4 ? 'blue' : 'gray';
