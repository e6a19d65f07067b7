import { Anchor, Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { roleKeepers } from '../../modules/roles/policy.ts';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { type SmsProcess, type SmsRole, useProcesses, useRoleCatalogue } from './data.ts';
import { ProcessForm } from './ProcessForm.tsx';

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
  const [editing, setEditing] = useState<SmsProcess | null>(null);
  const q = useProcesses();
  const roles = useRoleCatalogue();
  const keeper = can(me, roleKeepers);
  return (
    <RegisterPage
      title={t('processes.title')}
      create={{
        label: t('processes.new'),
        testId: 'new-process',
        allowed: keeper,
        form: (close) => <ProcessForm roles={roles.data?.items ?? []} onClose={close} />,
      }}
      above={q.data && q.data.items.length === 0 && <Text>{t('processes.none')}</Text>}
      body={q.data?.items.map((p) => (
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
    >
      {editing && (
        <ProcessForm process={editing} roles={roles.data?.items ?? []} onClose={() => setEditing(null)} />
      )}
    </RegisterPage>
  );
}
