import type { CatalogueItemDef, FieldDef, Keyed } from './data.ts';

/** Helpers of the catalogue item editor: rows with keys of their own, options as typed, the fields shown. */

export const languages = ['en', 'nl', 'da'] as const;
export const fieldTypes = ['text', 'choice', 'date', 'number', 'user', 'ci'] as const;

let nextKey = 0;
export const keyed = <T extends object>(x: T): Keyed<T> => ({ ...x, _k: ++nextKey });
export const unkeyed = <T extends object>(list: Keyed<T>[]): T[] =>
  list.map(({ _k, ...rest }) => rest as unknown as T);

export const emptyItem = (serviceId: string): CatalogueItemDef => ({
  code: '',
  serviceId,
  texts: { en: { name: '', description: '' } },
  form: [],
  approval: { mode: 'none', approvers: [] },
  tasks: [],
  customerIds: [],
  active: true,
  mailAddress: null,
});

/** Options as lines "value | English | Nederlands | Dansk", the way a service owner can type them. */
export const optionsText = (o: FieldDef['options']) =>
  (o ?? []).map((x) => [x.value, x.label.en, x.label.nl ?? '', x.label.da ?? ''].join(' | ')).join('\n');
export const parseOptions = (s: string) =>
  s
    .split('\n')
    .map((l) => l.split('|').map((p) => p.trim()))
    .filter((p) => p[0])
    .map(([value, en, nl, da]) => ({
      value: value!,
      label: { en: en || value!, ...(nl ? { nl } : {}), ...(da ? { da } : {}) },
    }));
export const bound = (s: string, type: FieldDef['type']) =>
  s.trim() === '' ? undefined : type === 'number' ? Number(s) : s.trim();

/**
 * The API's names of the inputs the editor shows for this item: a refusal on one of them is said on its
 * input, any other below the form.
 */
export function shownPaths(d: CatalogueItemDef): Set<string> {
  const paths = ['code', 'mailAddress', 'customerIds'];
  for (const lang of languages) paths.push(`texts.${lang}.name`, `texts.${lang}.description`);
  d.form.forEach((f, i) => {
    paths.push(`form.${i}.key`, `form.${i}.label.en`, `form.${i}.label`);
    if (f.type === 'choice') paths.push(`form.${i}.options`);
    if (f.type === 'number' || f.type === 'date') paths.push(`form.${i}.min`, `form.${i}.max`);
    if (f.type === 'ci') paths.push(`form.${i}.ciClass`);
  });
  if (d.approval.mode !== 'none') {
    paths.push('approval.approvers');
    d.approval.approvers.forEach((a, i) => {
      if (a.kind === 'role') paths.push(`approval.approvers.${i}.role`);
      if (a.kind === 'person') paths.push(`approval.approvers.${i}.userId`);
    });
  }
  d.tasks.forEach((_, i) => {
    paths.push(`tasks.${i}.title`, `tasks.${i}.groupId`);
  });
  return new Set(paths);
}
