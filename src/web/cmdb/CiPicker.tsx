import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CiView } from '../../modules/cmdb/index.ts';
import { get } from '../api.ts';
import { useClasses } from './classes.ts';

/** Picks a CI by searching the server, optionally within some classes. */
export function CiPicker(props: {
  label: string;
  value: string | null;
  initialLabel?: string | null;
  /** The id chosen, with the label the picker shows for it. */
  onChange: (id: string | null, label: string | null) => void;
  classes?: string[];
  error?: string;
  required?: boolean;
}) {
  const { nameOf } = useClasses();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const cls = props.classes?.length ? `&class=${props.classes.join(',')}` : '';
  const found = useQuery({
    queryKey: ['cis', 'pick', cls, q],
    queryFn: () => get<{ items: CiView[] }>(`/api/v1/cis?limit=20${cls}&q=${encodeURIComponent(q)}`),
    placeholderData: keepPreviousData,
  });
  const [chosen, setChosen] = useState<{ id: string; label: string } | null>(
    props.value && props.initialLabel ? { id: props.value, label: props.initialLabel } : null,
  );
  const options = [
    ...(chosen ? [{ value: chosen.id, label: chosen.label }] : []),
    ...(found.data?.items ?? [])
      .filter((c) => c.id !== chosen?.id)
      .map((c) => ({ value: c.id, label: `${c.name} (${nameOf(c.classKey)})` })),
  ];
  return (
    <Select
      label={props.label}
      required={props.required}
      searchable
      clearable
      filter={({ options: o }) => o}
      searchValue={search}
      onSearchChange={setSearch}
      data={options}
      value={props.value}
      onChange={(id) => {
        const o = options.find((x) => x.value === id);
        setChosen(o ? { id: o.value, label: o.label } : null);
        props.onChange(id, o?.label ?? null);
      }}
      error={props.error}
    />
  );
}
