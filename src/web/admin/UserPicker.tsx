import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type User, useUserSearch } from './data.ts';

/** Picks an active person by searching the server, so it works the same with ten people or ten thousand. */
export function UserPicker(props: {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const found = useUserSearch(q);
  const [chosen, setChosen] = useState<User | null>(null);
  const options = [
    ...(chosen ? [chosen] : []),
    ...(found.data?.items ?? []).filter((u) => u.id !== chosen?.id),
  ];
  return (
    <Select
      label={props.label}
      required
      searchable
      filter={({ options: o }) => o}
      placeholder={t('users.search')}
      searchValue={search}
      onSearchChange={setSearch}
      data={options.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))}
      value={props.value}
      onChange={(id) => {
        setChosen(options.find((u) => u.id === id) ?? null);
        props.onChange(id);
      }}
      error={props.error}
      disabled={props.disabled}
      nothingFoundMessage={t('users.empty')}
    />
  );
}
