import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePeople } from './data.ts';

/** Picks a person by searching the server; the chosen one is always among the options, so its name shows. */
export function PersonPicker(props: {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  workersOnly?: boolean;
  /** Only the service provider's own people (no customers' users). */
  staffOnly?: boolean;
  error?: string;
  /** Shown but not changeable (the API would refuse a change). */
  disabled?: boolean;
  description?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const found = usePeople(q, { workers: props.workersOnly, staff: props.staffOnly, ids: props.value });
  return (
    <Select
      label={props.label}
      description={props.description}
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
      disabled={props.disabled}
      data-testid={props.testId}
    />
  );
}
