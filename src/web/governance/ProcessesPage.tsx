import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { roleKeepers } from '../../modules/roles/policy.ts';
import { kpiKeys } from '../../modules/objectives/policy.ts';
import { get } from '../api.ts';
import { useSave } from '../app/useSave.ts';
import { can, useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import type { Catalogue, SmsProcess, SmsRole } from './roles.ts';

const letters = ['R', 'A', 'C', 'I'] as const;

/** A process's RACI matrix: activities down, the roles named in it across. */
function Raci({ p, roles }: { p: SmsProcess; roles: SmsRole[] }) {
  const { t } = useTranslation();
  const used = roles.filter((r) => p.raci.some((row) => row.cells[r.key]));
  if (!p.raci.length) return <Text c="dimmed">{t('processes.noRaci')}</Text>;
  return (
    <Table withColumnBorders data-testid={`raci-${p.key}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('processes.activity')}</Table.Th>
          {used.map((r) => (
            <Table.Th key={r.key}>
              <Anchor component={Link} to={`/roles/${r.id}`} size="sm">
                {r.name}
              </Anchor>
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {p.raci.map((row) => (
          <Table.Tr key={row.activity}>
            <Table.Td>{row.activity}</Table.Td>
            {used.map((r) => (
              <Table.Td key={r.key} ta="center" fw={row.cells[r.key] === 'A' ? 700 : undefined}>
                {row.cells[r.key] ?? ''}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The process register (4.4): each process, its owner, KPIs, criteria and RACI matrix. */
export function ProcessesPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [editing, setEditing] = useState<SmsProcess | 'new' | null>(null);
  const q = useQuery({
    queryKey: ['processes'],
    queryFn: () => get<{ items: SmsProcess[] }>('/api/v1/processes'),
  });
  const roles = useQuery({ queryKey: ['sms-roles'], queryFn: () => get<Catalogue>('/api/v1/roles') });
  const keeper = can(me, roleKeepers);
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('processes.title')}</Title>
        {keeper && (
          <Button onClick={() => setEditing('new')} data-testid="new-process">
            {t('processes.new')}
          </Button>
        )}
      </Group>
      {q.data && q.data.items.length === 0 && <Text>{t('processes.none')}</Text>}
      {q.data?.items.map((p) => (
        <Paper withBorder p="md" key={p.id}>
          <Group justify="space-between" mb="xs">
            <div>
              <Text fw={600}>{p.name}</Text>
              <Text size="sm" c={p.ownerName ? 'dimmed' : 'red'}>
                {p.ownerName ? t('processes.ownedBy', { name: p.ownerName }) : t('processes.noOwner')}
              </Text>
            </div>
            {keeper && (
              <Button size="xs" variant="default" onClick={() => setEditing(p)}>
                {t('common.edit')}
              </Button>
            )}
          </Group>
          {p.description && <Text size="sm">{p.description}</Text>}
          <Group gap={4} my="xs">
            {p.kpis.map((k) => (
              <Badge key={k} variant="light">
                {t(`objectives.kpi.${k}`)}
              </Badge>
            ))}
          </Group>
          {p.criteria && (
            <Text size="sm" mb="xs">
              <b>{t('processes.criteria')}:</b> {p.criteria}
            </Text>
          )}
          <Raci p={p} roles={roles.data?.items ?? []} />
        </Paper>
      ))}
      {editing && (
        <ProcessForm
          process={editing === 'new' ? undefined : editing}
          roles={roles.data?.items ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

type Row = { activity: string; cells: Record<string, string> };

function ProcessForm(props: { process?: SmsProcess; roles: SmsRole[]; onClose: () => void }) {
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
  const { errors, save: send } = useSave([['processes'], ['sms-roles']], props.onClose);
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
  const save = () => {
    const body = {
      name: f.name,
      description: f.description,
      ownerId: f.ownerId,
      kpis: f.kpis,
      criteria: f.criteria,
      raci: rows,
      ...(p ? {} : { key: f.key }),
    };
    return p
      ? send(`/api/v1/processes/${p.id}`, 'PATCH', body, p.version)
      : send('/api/v1/processes', 'POST', body);
  };
  return (
    <Modal opened onClose={props.onClose} title={p ? p.name : t('processes.new')} size="xl">
      <Stack>
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
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} data-testid="process-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
