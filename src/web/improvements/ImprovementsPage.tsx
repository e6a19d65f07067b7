import { Anchor, Badge, Button, Group, Pagination, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { improvementSources, improvementStates } from '../../modules/improvements/lifecycle.ts';
import { mayPropose, maySetCriteria } from '../../modules/improvements/policy.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay } from '../app/dates.ts';
import { type Column, RegisterPage } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import { useProcesses } from '../governance/data.ts';
import { CriteriaDialog } from './CriteriaDialog.tsx';
import { type ImprovementFilter, type ImprovementRow, useImprovements } from './data.ts';
import { improvementStateColour, scoreColour, scoreText, valueText } from './format.ts';
import { ProposeImprovement } from './ProposeImprovement.tsx';

const PAGE = 25;

/** The improvement register (10.2): opportunities ranked by their weighted score against the criteria. */
export function ImprovementsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const processes = useProcesses();
  const [filter, setFilter] = useState<ImprovementFilter>({ state: null, source: null, process: null });
  const [page, setPage] = useState(1);
  const [criteria, setCriteria] = useState(false);
  const list = useImprovements(filter, page, PAGE);
  const total = list.data?.total ?? 0;
  const set = (patch: Partial<ImprovementFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const columns: Column<ImprovementRow>[] = [
    {
      key: 'score',
      header: t('improvements.field.score'),
      td: { ta: 'center' },
      cell: (r) => (
        <Badge color={scoreColour(r.score)} variant="light" size="lg" styles={wholeBadge}>
          {scoreText(r.score)}
        </Badge>
      ),
    },
    {
      key: 'code',
      header: t('improvements.field.code'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (r) => (
        <Anchor component={Link} to={`/improvements/${r.id}`}>
          {r.code}
        </Anchor>
      ),
    },
    { key: 'title', header: t('improvements.field.title'), th: { miw: 220 }, cell: (r) => r.title },
    {
      key: 'state',
      header: t('improvements.field.state'),
      cell: (r) => (
        <Badge color={improvementStateColour[r.state] ?? 'gray'} variant="light" styles={wholeBadge}>
          {t(`improvements.state.${r.state}`)}
        </Badge>
      ),
    },
    {
      key: 'source',
      header: t('improvements.field.source'),
      cell: (r) => (
        <Text size="sm" component="div">
          {t(`improvements.source.${r.source}`)}
          {/* the reference under the source, wrapped: it may be a number or a few words */}
          {r.sourceRef && (
            <Text c="dimmed" size="xs" lineClamp={2} maw={180}>
              {r.sourceRef}
            </Text>
          )}
        </Text>
      ),
    },
    { key: 'owner', header: t('improvements.field.owner'), cell: (r) => r.ownerName ?? '—' },
    {
      key: 'target',
      header: t('improvements.field.targetDate'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (r) => (r.targetDate ? formatDay(r.targetDate, i18n.language) : '—'),
    },
    {
      key: 'benefit',
      header: t('improvements.field.beforeAfter'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (r) =>
        r.kpiKey ? `${valueText(r.baseline)} → ${valueText(r.measured)}` : <Text c="dimmed">—</Text>,
    },
  ];
  return (
    <RegisterPage<ImprovementRow>
      title={t('improvements.title')}
      intro={t('improvements.intro')}
      actions={
        maySetCriteria(me) && (
          <Button variant="default" onClick={() => setCriteria(true)} data-testid="improvement-criteria">
            {t('improvements.criteria.title')}
          </Button>
        )
      }
      create={{
        label: t('improvements.new'),
        testId: 'new-improvement',
        allowed: mayPropose(me),
        form: (close) => <ProposeImprovement onClose={close} />,
      }}
      filters={
        <Group>
          <Select
            placeholder={t('improvements.field.state')}
            aria-label={t('improvements.field.state')}
            clearable
            data={improvementStates.map((s) => ({ value: s, label: t(`improvements.state.${s}`) }))}
            value={filter.state}
            onChange={(v) => set({ state: v })}
            w={180}
          />
          <Select
            placeholder={t('improvements.field.source')}
            aria-label={t('improvements.field.source')}
            clearable
            data={improvementSources.map((s) => ({ value: s, label: t(`improvements.source.${s}`) }))}
            value={filter.source}
            onChange={(v) => set({ source: v })}
            w={220}
          />
          <Select
            placeholder={t('improvements.field.process')}
            aria-label={t('improvements.field.process')}
            clearable
            searchable
            data={(processes.data?.items ?? []).map((p) => ({ value: p.key, label: p.name }))}
            value={filter.process}
            onChange={(v) => set({ process: v })}
            w={220}
          />
        </Group>
      }
      error={list.error}
      table={{
        rows: list.data?.items,
        columns,
        rowKey: (r) => r.id,
        empty: t('improvements.empty'),
        emptyProps: { c: 'dimmed', 'data-testid': 'improvements-empty' },
        tableProps: { striped: true, highlightOnHover: true, 'data-testid': 'improvements' },
      }}
      footer={total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
    >
      {criteria && <CriteriaDialog onClose={() => setCriteria(false)} />}
    </RegisterPage>
  );
}
