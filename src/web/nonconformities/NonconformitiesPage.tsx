import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Pagination,
  SegmentedControl,
  Select,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  nonconformitySources,
  nonconformityStates,
  severities,
} from '../../modules/nonconformities/lifecycle.ts';
import { mayRaiseNonconformity, maySetNcSettings } from '../../modules/nonconformities/policy.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay } from '../app/dates.ts';
import { type Column, RegisterPage } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import { useProcesses } from '../governance/data.ts';
import { type NcFilter, type NonconformityRow, useNonconformities } from './data.ts';
import { ncStateColour, severityColour } from './format.ts';
import { NcSettingsDialog } from './NcSettingsDialog.tsx';
import { NewNonconformity } from './NewNonconformity.tsx';

const PAGE = 25;

/**
 * The nonconformity register (10.1), newest first: the open ones unless asked otherwise, by state, severity,
 * source, process and overdue actions.
 */
export function NonconformitiesPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const processes = useProcesses();
  const [filter, setFilter] = useState<NcFilter>({
    state: null,
    severity: null,
    source: null,
    process: null,
    overdue: false,
    open: true,
  });
  const [page, setPage] = useState(1);
  const [settings, setSettings] = useState(false);
  const list = useNonconformities(filter, page, PAGE);
  const total = list.data?.total ?? 0;
  const set = (patch: Partial<NcFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const columns: Column<NonconformityRow>[] = [
    {
      key: 'number',
      header: t('nonconformities.field.number'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (r) => (
        <Anchor component={Link} to={`/work-items/${r.number}`}>
          {r.number}
        </Anchor>
      ),
    },
    { key: 'title', header: t('nonconformities.field.title'), th: { miw: 200 }, cell: (r) => r.title },
    {
      key: 'severity',
      header: t('nonconformities.field.severity'),
      cell: (r) => (
        <Badge color={severityColour(r.severity)} variant="light" styles={wholeBadge}>
          {t(`nonconformities.severity.${r.severity}`)}
        </Badge>
      ),
    },
    {
      key: 'state',
      header: t('nonconformities.field.state'),
      cell: (r) => (
        <Badge color={ncStateColour[r.state] ?? 'gray'} variant="light" styles={wholeBadge}>
          {t(`nonconformities.state.${r.state}`)}
        </Badge>
      ),
    },
    {
      key: 'source',
      header: t('nonconformities.field.source'),
      cell: (r) => (
        <Text size="sm" component="div">
          {t(`nonconformities.source.${r.source}`)}
          {/* the reference under the source, wrapped: it may be a number or a few words */}
          {r.sourceRef && (
            <Text c="dimmed" size="xs" lineClamp={2} maw={180}>
              {r.sourceRef}
            </Text>
          )}
        </Text>
      ),
    },
    {
      key: 'process',
      header: t('nonconformities.field.process'),
      cell: (r) => processes.data?.items.find((p) => p.key === r.processKey)?.name ?? r.processKey ?? '—',
    },
    { key: 'owner', header: t('nonconformities.field.owner'), cell: (r) => r.ownerName ?? '—' },
    {
      key: 'actions',
      header: t('nonconformities.field.actionsOpen'),
      cell: (r) => (
        <Group gap={4} wrap="nowrap">
          <Text size="sm">{r.actionsOpen}</Text>
          {r.actionsOverdue > 0 && (
            <Badge color="red" size="sm" styles={wholeBadge} data-testid="nc-overdue">
              {t('nonconformities.overdueCount', { count: r.actionsOverdue })}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'effectiveness',
      header: t('nonconformities.field.checkDue'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (r) => (r.effectivenessDue ? formatDay(r.effectivenessDue, i18n.language) : '—'),
    },
  ];
  return (
    <RegisterPage<NonconformityRow>
      title={t('nonconformities.title')}
      intro={t('nonconformities.intro')}
      actions={
        maySetNcSettings(me) && (
          <Button variant="default" onClick={() => setSettings(true)} data-testid="nc-settings">
            {t('nonconformities.settings.title')}
          </Button>
        )
      }
      create={{
        label: t('nonconformities.new'),
        testId: 'new-nonconformity',
        allowed: mayRaiseNonconformity(me),
        form: (close) => <NewNonconformity onClose={close} />,
      }}
      filters={
        <Group>
          <SegmentedControl
            value={filter.state ? 'all' : filter.open ? 'open' : 'all'}
            disabled={!!filter.state}
            onChange={(v) => set({ open: v === 'open' })}
            aria-label={t('nonconformities.filter.which')}
            data={[
              { value: 'open', label: t('nonconformities.filter.open') },
              { value: 'all', label: t('nonconformities.filter.all') },
            ]}
          />
          <Select
            placeholder={t('nonconformities.field.state')}
            aria-label={t('nonconformities.field.state')}
            clearable
            data={nonconformityStates.map((s) => ({ value: s, label: t(`nonconformities.state.${s}`) }))}
            value={filter.state}
            onChange={(v) => set({ state: v })}
            w={170}
          />
          <Select
            placeholder={t('nonconformities.field.severity')}
            aria-label={t('nonconformities.field.severity')}
            clearable
            data={severities.map((s) => ({ value: s, label: t(`nonconformities.severity.${s}`) }))}
            value={filter.severity}
            onChange={(v) => set({ severity: v })}
            w={150}
          />
          <Select
            placeholder={t('nonconformities.field.source')}
            aria-label={t('nonconformities.field.source')}
            clearable
            data={nonconformitySources.map((s) => ({ value: s, label: t(`nonconformities.source.${s}`) }))}
            value={filter.source}
            onChange={(v) => set({ source: v })}
            w={190}
          />
          <Select
            placeholder={t('nonconformities.field.process')}
            aria-label={t('nonconformities.field.process')}
            clearable
            searchable
            data={(processes.data?.items ?? []).map((p) => ({ value: p.key, label: p.name }))}
            value={filter.process}
            onChange={(v) => set({ process: v })}
            w={220}
          />
          <Checkbox
            label={t('nonconformities.filter.overdue')}
            checked={filter.overdue}
            onChange={(e) => set({ overdue: e.currentTarget.checked })}
            data-testid="nc-filter-overdue"
          />
        </Group>
      }
      error={list.error}
      table={{
        rows: list.data?.items,
        columns,
        rowKey: (r) => r.id,
        empty: t('nonconformities.empty'),
        emptyProps: { c: 'dimmed', 'data-testid': 'nonconformities-empty' },
        tableProps: { striped: true, highlightOnHover: true, 'data-testid': 'nonconformities' },
      }}
      footer={total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
    >
      {settings && <NcSettingsDialog onClose={() => setSettings(false)} />}
    </RegisterPage>
  );
}
