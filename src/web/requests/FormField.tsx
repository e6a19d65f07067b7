import { MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { type Field, useFieldChoices } from './data.ts';

export type { Field };

type Props = {
  itemId: string;
  field: Field;
  value: unknown;
  onChange: (v: unknown) => void;
  error?: string;
};

/** One field of a request form, drawn from its declaration. */
export function FormField({ itemId, field: f, value, onChange, error }: Props) {
  const common = {
    label: f.label,
    description: f.help,
    required: f.required,
    error,
    'data-testid': `field-${f.key}`,
  };
  switch (f.type) {
    case 'text':
      return f.multiline ? (
        <Textarea
          {...common}
          autosize
          minRows={3}
          maxLength={f.maxLength}
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      ) : (
        <TextInput
          {...common}
          maxLength={f.maxLength}
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'choice':
      return f.multiple ? (
        <MultiSelect
          {...common}
          data={f.options ?? []}
          value={(value as string[]) ?? []}
          onChange={onChange}
        />
      ) : (
        <Select
          {...common}
          data={f.options ?? []}
          value={(value as string) ?? null}
          onChange={onChange}
          clearable
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          min={typeof f.min === 'string' ? f.min : undefined}
          max={typeof f.max === 'string' ? f.max : undefined}
          value={(value as string) ?? ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          min={typeof f.min === 'number' ? f.min : undefined}
          max={typeof f.max === 'number' ? f.max : undefined}
          allowDecimal={!f.integer}
          value={(value as number | undefined) ?? ''}
          onChange={(v) => onChange(v === '' ? undefined : v)}
        />
      );
    default:
      return (
        <ChoicePicker itemId={itemId} field={f} common={common} value={value as string} onChange={onChange} />
      );
  }
}

/** A person or CI, searched among what this field may name (the server scopes it to the orderer). */
function ChoicePicker(props: {
  itemId: string;
  field: Field;
  common: Record<string, unknown>;
  value: string | undefined;
  onChange: (v: unknown) => void;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const choices = useFieldChoices(props.itemId, props.field.key, q);
  const data = [...(choices.data?.items ?? [])];
  if (picked && !data.some((d) => d.value === picked.value)) data.unshift(picked);
  return (
    <Select
      {...props.common}
      searchable
      clearable
      data={data}
      value={props.value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(v, option) => {
        setPicked(option ?? null);
        props.onChange(v ?? undefined);
      }}
    />
  );
}
