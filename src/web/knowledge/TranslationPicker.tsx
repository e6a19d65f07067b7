import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Article, useArticles } from './data.ts';

/** The article this one translates, found by searching; the current one is always among the choices. */
export function TranslationPicker(props: {
  value: string | null;
  current?: Article;
  preset?: Article;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const found = useArticles({ q }, 0, 20);
  const known = [
    ...(props.current?.translationOf ? [props.current.translationOf] : []),
    ...(props.preset ? [props.preset.translationOf ?? props.preset] : []),
  ];
  const choices = new Map<string, string>();
  for (const k of known) choices.set(k.id, `${k.number} · ${k.title}`);
  for (const r of found.data?.items ?? [])
    if (r.id !== props.current?.id)
      choices.set(r.id, `${r.number} · ${r.title} (${t(`language.${r.language}`)})`);
  return (
    <Select
      label={t('knowledge.field.translationOf')}
      description={t('knowledge.translationOfHelp')}
      searchable
      clearable
      filter={({ options }) => options}
      onSearchChange={setSearch}
      data={[...choices].map(([value, label]) => ({ value, label }))}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      data-testid="article-translation-of"
    />
  );
}
