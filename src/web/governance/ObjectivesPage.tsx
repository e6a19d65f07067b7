import { Anchor, Badge, NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { kpiKeys, objectiveSetters } from '../../modules/objectives/policy.ts';
import { formatDay } from '../app/dates.ts';
import { FormDialog, RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { type ObjectiveRow, useCreateObjective, useObjectives } from './data.ts';
import { formatValue, statusColour } from './objectives.ts';

/** The measurable objectives: target, value this period, status, deadline. */
export function ObjectivesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const list = useObjectives();
  return (
    <RegisterPage<ObjectiveRow>
      title={t('objectives.title')}
      create={{
        label: t('objectives.new'),
        testId: 'new-objective',
        allowed: can(me, objectiveSetters),
        form: (close) => <NewObjective onClose={close} />,
      }}
      table={{
        rows: list.data?.items,
        empty: t('objectives.none'),
        rowKey: (o) => o.id,
        tableProps: { striped: true, 'data-testid': 'objectives' },
        columns: [
          {
            key: 'code',
            header: t('objectives.code'),
            cell: (o) => (
              <Anchor component={Link} to={`/objectives/${o.id}`}>
                {o.code}
              </Anchor>
            ),
          },
          { key: 'title', header: t('objectives.name'), cell: (o) => o.title },
          {
            key: 'target',
            header: t('objectives.target'),
            cell: (o) => `${o.direction === 'at_least' ? '≥' : '≤'} ${formatValue(o.target, o.unit)}`,
          },
          {
            key: 'current',
            header: t('objectives.thisPeriod'),
            cell: (o) => formatValue(o.current.value, o.unit),
          },
          {
            key: 'status',
            header: t('objectives.statusLabel'),
            cell: (o) => (
              <Badge color={statusColour[o.status]} variant="light">
                {t(`objectives.status.${o.status}`)}
              </Badge>
            ),
          },
          {
            key: 'deadline',
            header: t('objectives.deadline'),
            cell: (o) => formatDay(o.deadline, i18n.language),
          },
        ],
      }}
    />
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
  const create = useCreateObjective({ onSaved: (made) => navigate(`/objectives/${made.id}`) });
  const { errors } = create;
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((x) => ({ ...x, [k]: v }));
  const save = () =>
    create.save({
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
    });
  return (
    <FormDialog title={t('objectives.new')} size="lg" onClose={onClose} onSave={save}>
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
    </FormDialog>
  );
}
