import { Anchor, Badge, Button, Checkbox, Group, SegmentedControl, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemStates } from '../../modules/problems/lifecycle.ts';
import { problemManagers } from '../../modules/problems/policy.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatInstant } from '../app/dates.ts';
import { type Column, MoreButton, RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { priorityColour, useDeskOptions } from '../servicedesk/options.ts';
import { type ProblemRow, useProblems } from './data.ts';
import { problemStateColour } from './format.ts';

/** The problem register: open problems (or all), by state, service and whether they are known errors. */
export function ProblemsPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const opts = useDeskOptions();
  const [open, setOpen] = useState<'open' | 'all'>('open');
  const [state, setState] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [knownError, setKnownError] = useState(false);
  const list = useProblems({ open: open === 'open', state, serviceId, knownError });
  const rows = list.data?.pages.flatMap((p) => p.items);
  const columns: Column<ProblemRow>[] = [
    {
      key: 'number',
      header: t('problems.field.number'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (p) => (
        <Anchor component={Link} to={`/work-items/${p.number}`}>
          {p.number}
        </Anchor>
      ),
    },
    { key: 'title', header: t('problems.field.title'), th: { miw: 180 }, cell: (p) => p.title },
    {
      key: 'state',
      header: t('problems.field.state'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (p) => (
        <Badge variant="light" color={problemStateColour[p.state] ?? 'gray'} styles={wholeBadge}>
          {t(`problems.state.${p.state}`)}
        </Badge>
      ),
    },
    {
      key: 'priority',
      header: t('problems.field.priority'),
      cell: (p) => (p.priority ? <Badge color={priorityColour(p.priority)}>P{p.priority}</Badge> : '—'),
    },
    {
      key: 'incidents',
      header: t('problems.field.incidentCount'),
      td: { ta: 'right' },
      cell: (p) => p.incidentCount,
    },
    { key: 'service', header: t('problems.field.service'), cell: (p) => p.serviceName ?? '—' },
    { key: 'assignee', header: t('problems.field.assignee'), cell: (p) => p.assigneeName ?? '—' },
    {
      key: 'created',
      header: t('problems.field.created'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (p) => formatInstant(p.createdAt, 'short'),
    },
  ];
  return (
    <RegisterPage
      title={t('problems.title')}
      intro={t('problems.intro')}
      actions={
        can(me, problemManagers) && (
          <Button component={Link} to="/problems/new" data-testid="new-problem">
            {t('problems.new')}
          </Button>
        )
      }
      filters={
        <Group>
          <SegmentedControl
            value={state ? 'all' : open}
            disabled={!!state}
            onChange={(v) => setOpen(v as 'open' | 'all')}
            aria-label={t('problems.filter.which')}
            data={[
              { value: 'open', label: t('problems.filter.open') },
              { value: 'all', label: t('problems.filter.all') },
            ]}
          />
          <Select
            placeholder={t('problems.field.state')}
            aria-label={t('problems.field.state')}
            clearable
            data={problemStates.map((s) => ({ value: s, label: t(`problems.state.${s}`) }))}
            value={state}
            onChange={setState}
            w={200}
          />
          <Select
            placeholder={t('problems.field.service')}
            aria-label={t('problems.field.service')}
            clearable
            searchable
            data={opts.serviceOptions}
            value={serviceId}
            onChange={setServiceId}
            w={220}
          />
          <Checkbox
            label={t('problems.filter.knownError')}
            checked={knownError}
            onChange={(e) => setKnownError(e.currentTarget.checked)}
          />
        </Group>
      }
      error={list.error}
      table={{
        rows,
        columns,
        rowKey: (p) => p.id,
        empty: t('problems.empty'),
        emptyProps: { c: 'dimmed', 'data-testid': 'problems-empty' },
        tableProps: { striped: true, highlightOnHover: true, 'data-testid': 'problems' },
      }}
      footer={<MoreButton list={list} />}
    />
  );
}
