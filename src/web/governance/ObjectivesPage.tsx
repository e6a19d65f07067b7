import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
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
import { Link, useNavigate } from 'react-router';
import { kpiKeys, objectiveSetters as policyWriters } from '../../modules/objectives/policy.ts';
import { ApiProblem, api, get } from '../api.ts';
import { formatDay } from '../app/dates.ts';
import { showProblem } from '../app/showProblem.ts';
import { can, useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { formatValue, type ObjectiveRow, statusColour } from './objectives.ts';

/** The measurable objectives: target, value this period, status, deadline. */
export function ObjectivesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['objectives'],
    queryFn: () => get<{ items: ObjectiveRow[] }>('/api/v1/objectives'),
  });
  const rows = list.data?.items ?? [];
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('objectives.title')}</Title>
        {can(me, policyWriters) && (
          <Button onClick={() => setCreating(true)} data-testid="new-objective">
            {t('objectives.new')}
          </Button>
        )}
      </Group>
      {list.data && rows.length === 0 && <Text>{t('objectives.none')}</Text>}
      {rows.length > 0 && (
        <Table striped data-testid="objectives">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('objectives.code')}</Table.Th>
              <Table.Th>{t('objectives.name')}</Table.Th>
              <Table.Th>{t('objectives.target')}</Table.Th>
              <Table.Th>{t('objectives.thisPeriod')}</Table.Th>
              <Table.Th>{t('objectives.statusLabel')}</Table.Th>
              <Table.Th>{t('objectives.deadline')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/objectives/${o.id}`}>
                    {o.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>{o.title}</Table.Td>
                <Table.Td>
                  {o.direction === 'at_least' ? '≥' : '≤'} {formatValue(o.target, o.unit)}
                </Table.Td>
                <Table.Td>{formatValue(o.current.value, o.unit)}</Table.Td>
                <Table.Td>
                  <Badge color={statusColour[o.status]} variant="light">
                    {t(`objectives.status.${o.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDay(o.deadline, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <NewObjective onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function NewObjective({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const [f, setF] = useState({
    code: '',
    title: '',
    businessGoal: '',
    ownerId: me.id as string | null,
    kind: 'kpi',
    kpi: 'incidents_resolved_in_sla',
    priority: null as string | null,
    target: 95 as number | string,
    unit: '%',
    period: 'quarter',
    deadline: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = async () => {
    setErrors({});
    try {
      const { data } = await api<{ id: string }>('/api/v1/objectives', {
        method: 'POST',
        body: {
          code: f.code,
          title: f.title,
          businessGoal: f.businessGoal,
          ownerId: f.ownerId,
          target: Number(f.target),
          period: f.period,
          deadline: f.deadline,
          ...(f.kind === 'recorded' ? { unit: f.unit } : {}),
          measurement:
            f.kind === 'kpi'
              ? { kind: 'kpi', kpi: f.kpi, priority: f.priority ? Number(f.priority) : null }
              : { kind: 'recorded' },
        },
      });
      navigate(`/objectives/${data.id}`);
    } catch (e) {
      if (e instanceof ApiProblem && e.errors.length) setErrors(e.fieldErrors());
      else showProblem(t('common.error'), e);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('objectives.new')} size="lg">
      <Stack>
        <SimpleGrid cols={2}>
          <TextInput
            label={t('objectives.code')}
            placeholder="OBJ-01"
            required
            value={f.code}
            onChange={(e) => set('code', e.currentTarget.value)}
            error={errors.code}
          />
          <PersonPicker
            label={t('objectives.owner')}
            value={f.ownerId}
            onChange={(v) => set('ownerId', v)}
            error={errors.ownerId}
          />
        </SimpleGrid>
        <TextInput
          label={t('objectives.name')}
          required
          value={f.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
        />
        <Textarea
          label={t('objectives.businessGoal')}
          autosize
          value={f.businessGoal}
          onChange={(e) => set('businessGoal', e.currentTarget.value)}
        />
        <SimpleGrid cols={2}>
          <Select
            label={t('objectives.measuredBy')}
            data={[
              { value: 'kpi', label: t('objectives.byKpi') },
              { value: 'recorded', label: t('objectives.byHand') },
            ]}
            value={f.kind}
            onChange={(v) => v && set('kind', v)}
            allowDeselect={false}
          />
          {f.kind === 'kpi' ? (
            <Select
              label={t('objectives.kpiLabel')}
              data={kpiKeys.map((k) => ({ value: k, label: t(`objectives.kpi.${k}`) }))}
              value={f.kpi}
              onChange={(v) => v && set('kpi', v)}
              allowDeselect={false}
              error={errors['measurement.kpi']}
            />
          ) : (
            <TextInput
              label={t('objectives.unit')}
              value={f.unit}
              onChange={(e) => set('unit', e.currentTarget.value)}
              error={errors.unit}
            />
          )}
        </SimpleGrid>
        <SimpleGrid cols={4}>
          {f.kind === 'kpi' && (
            <Select
              label={t('objectives.priority')}
              data={['1', '2', '3', '4', '5'].map((p) => ({ value: p, label: `P${p}` }))}
              value={f.priority}
              onChange={(v) => set('priority', v)}
              clearable
            />
          )}
          <NumberInput
            label={t('objectives.target')}
            value={f.target}
            onChange={(v) => set('target', v)}
            error={errors.target}
          />
          <Select
            label={t('objectives.period')}
            data={['month', 'quarter'].map((p) => ({ value: p, label: t(`objectives.periods.${p}`) }))}
            value={f.period}
            onChange={(v) => v && set('period', v)}
            allowDeselect={false}
          />
          <TextInput
            type="date"
            label={t('objectives.deadline')}
            required
            value={f.deadline}
            onChange={(e) => set('deadline', e.currentTarget.value)}
            error={errors.deadline}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save}>{t('common.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
