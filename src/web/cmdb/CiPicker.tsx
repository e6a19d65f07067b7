import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useClasses } from './classes.ts';
import { useCiSearch } from './data.ts';

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
  const found = useCiSearch(q, props.classes);
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
