import { CloseButton, Group, Select, Stack, Text } from '@mantine/core';
import { CiPicker } from '../cmdb/CiPicker.tsx';
import { useDeskOptions } from '../servicedesk/options.ts';
import { PersonPicker } from './PersonPicker.tsx';

/** What a work item is on and who has it: its service, support group and assignee. */
export type Ownership = { serviceId: string | null; groupId: string | null; assigneeId: string | null };

/**
 * A work item's service, support group and assignee (staff only), for a form's grid: three fields side by
 * side with the form's own. The labels are the area's (a problem's or a change's).
 */
export function OwnershipFields(props: {
  value: Ownership;
  onChange: (patch: Partial<Ownership>) => void;
  errors: Record<string, string>;
  labels: { service: string; group: string; assignee: string };
}) {
  const opts = useDeskOptions();
  const { value: v, errors: e } = props;
  return (
    <>
      <Select
        label={props.labels.service}
        searchable
        clearable
        data={opts.serviceOptions}
        value={v.serviceId}
        onChange={(x) => props.onChange({ serviceId: x })}
        error={e.serviceId}
      />
      <Select
        label={props.labels.group}
        searchable
        clearable
        data={opts.groupOptions}
        value={v.groupId}
        onChange={(x) => props.onChange({ groupId: x })}
        error={e.groupId}
      />
      <PersonPicker
        label={props.labels.assignee}
        staffOnly
        value={v.assigneeId}
        onChange={(x) => props.onChange({ assigneeId: x })}
        error={e.assigneeId}
      />
    </>
  );
}

/** A CI a work item is on, by id with its name to show. */
export type PickedCi = { id: string; name: string };

/** A work item's CIs: a picker that adds one, and the chosen ones as chips that each remove theirs. */
export function CiChips(props: {
  label: string;
  value: PickedCi[];
  onChange: (cis: PickedCi[]) => void;
  error?: string;
  /** The remove button's accessible name for one CI. */
  removeLabel: (name: string) => string;
  chipTestId?: string;
}) {
  const cis = props.value;
  return (
    <Stack gap={4}>
      <CiPicker
        label={props.label}
        value={null}
        onChange={(id, label) => {
          if (id && !cis.some((c) => c.id === id)) props.onChange([...cis, { id, name: label ?? id }]);
        }}
        error={props.error}
      />
      <Group gap="xs">
        {cis.map((c) => (
          <Group key={c.id} gap={2} data-testid={props.chipTestId}>
            <Text size="sm">{c.name}</Text>
            <CloseButton
              size="sm"
              aria-label={props.removeLabel(c.name)}
              onClick={() => props.onChange(cis.filter((x) => x.id !== c.id))}
            />
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
