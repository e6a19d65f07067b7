import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api.ts';

type Person = { id: string; name: string; email: string; customer: string | null };

/** Picks a person by searching the server; the chosen one is always among the options, so its name shows. */
export function PersonPicker(props: {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  workersOnly?: boolean;
  /** Only the service provider's own people (no customers' users). */
  staffOnly?: boolean;
  error?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const found = useQuery({
    queryKey: ['people', q, props.workersOnly, props.staffOnly, props.value],
    queryFn: () =>
      get<{ items: Person[] }>(
        `/api/v1/people?limit=20&q=${encodeURIComponent(q)}${props.workersOnly ? '&workers=true' : ''}${props.staffOnly ? '&staff=true' : ''}${props.value ? `&ids=${props.value}` : ''}`,
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      label={props.label}
      searchable
      clearable
      filter={({ options }) => options}
      placeholder={t('users.search')}
      onSearchChange={setSearch}
      data={(found.data?.items ?? []).map((p) => ({
        value: p.id,
        label: p.customer ? `${p.name} (${p.customer})` : p.name,
      }))}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      data-testid={props.testId}
    />
  );
}
