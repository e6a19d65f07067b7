import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePeople } from '../records/data.ts';

/**
 * Picks several of the provider's people by searching the server (an audit's team, its auditees); the chosen
 * ones are always among the options, so their names show.
 */
export function PeoplePicker(props: {
  label: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  /** Shown but not changeable (the API would refuse a change). */
  disabled?: boolean;
  description?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const found = usePeople(q, { staff: true, ids: props.value.join(',') || null });
  return (
    <MultiSelect
      label={props.label}
      description={props.description}
      searchable
      clearable
      filter={({ options }) => options}
      placeholder={props.value.length ? undefined : t('users.search')}
      searchValue={search}
      onSearchChange={setSearch}
      data={(found.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
      value={props.value}
      onChange={(ids) => {
        props.onChange(ids);
        setSearch('');
      }}
      error={props.error}
      disabled={props.disabled}
      data-testid={props.testId}
    />
  );
}
