import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kpiKeys } from '../../modules/objectives/policy.ts';
import { FormDialog } from '../app/RegisterPage.tsx';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { type SmsProcess, type SmsRole, useSaveProcess } from './data.ts';

const letters = ['R', 'A', 'C', 'I'] as const;

type Row = { activity: string; cells: Record<string, string> };

/** Adds a process, or changes one (its key stays): owner, KPIs, criteria and its RACI matrix. */
export function ProcessForm(props: { process?: SmsProcess; roles: SmsRole[]; onClose: () => void }) {
  const { t } = useTranslation();
  const p = props.process;
  const [f, setF] = useState({
    key: p?.key ?? '',
    name: p?.name ?? '',
    description: p?.description ?? '',
    ownerId: p?.ownerId ?? null,
    kpis: p?.kpis ?? [],
    criteria: p?.criteria ?? '',
  });
  const [rows, setRows] = useState<Row[]>(p?.raci ?? []);
  const write = useSaveProcess({ onSaved: props.onClose });
  const { errors } = write;
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const setCell = (i: number, role: string, v: string | null) =>
    setRows((rs) =>
      rs.map((r, j) => {
        if (j !== i) return r;
        const cells = { ...r.cells };
        if (v) cells[role] = v;
        else delete cells[role];
        return { ...r, cells };
      }),
    );
  const save = () =>
    write.save({
      id: p?.id,
      version: p?.version,
      body: {
        name: f.name,
        description: f.description,
        ownerId: f.ownerId,
        kpis: f.kpis,
        criteria: f.criteria,
        raci: rows,
        ...(p ? {} : { key: f.key }),
      },
    });
  return (
    <FormDialog
      title={p ? p.name : t('processes.new')}
      size="xl"
      onClose={props.onClose}
      onSave={save}
      saveTestId="process-save"
    >
      <SimpleGrid cols={3}>
        <TextInput
          label={t('processes.name')}
          required
          value={f.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          data-testid="process-name"
        />
        <TextInput
          label={t('smsRoles.key')}
          required
          disabled={!!p}
          value={f.key}
          onChange={(e) => set('key', e.currentTarget.value)}
          error={errors.key}
          data-testid="process-key"
        />
        <PersonPicker
          label={t('processes.owner')}
          value={f.ownerId}
          onChange={(v) => set('ownerId', v)}
          staffOnly
          error={errors.ownerId}
        />
      </SimpleGrid>
      <Textarea
        label={t('smsRoles.description')}
        autosize
        value={f.description}
        onChange={(e) => set('description', e.currentTarget.value)}
      />
      <MultiSelect
        label={t('processes.kpis')}
        data={kpiKeys.map((k) => ({ value: k, label: t(`objectives.kpi.${k}`) }))}
        value={f.kpis}
        onChange={(v) => set('kpis', v)}
        error={errors.kpis}
      />
      <Textarea
        label={t('processes.criteria')}
        autosize
        value={f.criteria}
        onChange={(e) => set('criteria', e.currentTarget.value)}
      />
      <Text fw={600}>{t('processes.raci')}</Text>
      <Text size="xs" c="dimmed">
        {t('processes.raciHint')}
      </Text>
      <Table withColumnBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('processes.activity')}</Table.Th>
            {props.roles.map((r) => (
              <Table.Th key={r.key}>
                <Text size="xs">{r.name}</Text>
              </Table.Th>
            ))}
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <Table.Tr key={i}>
              <Table.Td>
                <TextInput
                  size="xs"
                  value={row.activity}
                  onChange={(e) => {
                    const activity = e.currentTarget.value;
                    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, activity } : r)));
                  }}
                  error={errors[`raci.${i}.activity`] ?? errors[`raci.${i}.cells`]}
                  data-testid={`raci-activity-${i}`}
                />
              </Table.Td>
              {props.roles.map((r) => (
                <Table.Td key={r.key} miw={70}>
                  <Select
                    size="xs"
                    data={[...letters]}
                    value={row.cells[r.key] ?? null}
                    onChange={(v) => setCell(i, r.key, v)}
                    clearable
                    data-testid={`raci-${i}-${r.key}`}
                  />
                </Table.Td>
              ))}
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('common.remove')}
                  onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() => setRows((rs) => [...rs, { activity: '', cells: {} }])}
          data-testid="raci-add"
        >
          {t('processes.addActivity')}
        </Button>
      </Group>
    </FormDialog>
  );
}
