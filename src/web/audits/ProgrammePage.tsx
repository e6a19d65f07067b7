import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { wholeBadge } from '../app/badges.ts';
import { formatDay, formatInstant } from '../app/dates.ts';
import { Fact } from '../app/Fact.tsx';
import { RegisterTable } from '../app/RegisterPage.tsx';
import { useProcesses } from '../governance/data.ts';
import { CoveragePanel } from './CoveragePanel.tsx';
import { type ProgrammePage as Programme, useCoverage, useProgramme, useProgrammeStep } from './data.ts';
import { auditColour, programmeColour } from './format.ts';
import { PlanAuditDialog } from './PlanAuditDialog.tsx';
import { ProgrammeCalendar } from './ProgrammeCalendar.tsx';
import { Prose } from './Prose.tsx';

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** A new audit's first suggestion: two weeks ahead if that falls in the cycle, else the cycle's first days. */
function suggestedWindow(p: Programme) {
  const soon = addDays(new Date().toISOString().slice(0, 10), 14);
  const start = soon >= p.cycleStart && soon <= p.cycleEnd ? soon : p.cycleStart;
  return { start, end: addDays(start, 1) };
}

type AuditRow = Programme['auditList'][number];

/** One audit programme: its cycle, approval, calendar of audits, the audits, and what they cover. */
export function ProgrammePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = useProgramme(id);
  const coverage = useCoverage(id);
  const step = useProgrammeStep(id);
  const processes = useProcesses();
  const processName = (key: string) => processes.data?.items.find((x) => x.key === key)?.name ?? key;
  const [planning, setPlanning] = useState(false);
  const p = q.data;
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  if (!p) return <Text c="dimmed">{t('common.loading')}</Text>;
  const day = (d: string) => formatDay(d, i18n.language);
  return (
    <Stack maw={1300}>
      <Text size="sm" c="dimmed">
        <Anchor component={Link} to="/internal-audits" size="sm">
          {t('internalAudits.programmes')}
        </Anchor>{' '}
        · {p.code}
      </Text>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{p.title}</Title>
          <Group gap="xs">
            <Badge
              color={programmeColour[p.state]}
              variant="light"
              styles={wholeBadge}
              data-testid="programme-state"
            >
              {t(`internalAudits.programmeStates.${p.state}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {day(p.cycleStart)} – {day(p.cycleEnd)}
            </Text>
          </Group>
        </Stack>
        <Group>
          {p.abilities.approve && (
            <Button variant="light" color="green" onClick={() => step.save('approve')} loading={step.saving}>
              {t('internalAudits.approveProgramme')}
            </Button>
          )}
          {p.abilities.close && (
            <Button variant="default" onClick={() => step.save('close')} loading={step.saving}>
              {t('internalAudits.closeProgramme')}
            </Button>
          )}
          {p.abilities.planAudits && (
            <Button onClick={() => setPlanning(true)} data-testid="plan-audit">
              {t('internalAudits.planAudit')}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label={t('internalAudits.owner')}>{p.owner}</Fact>
          <Fact label={t('internalAudits.approvedBy')}>
            {p.approvedBy && p.approvedAt
              ? `${p.approvedBy}, ${formatInstant(p.approvedAt, 'date', i18n.language)}`
              : null}
          </Fact>
          <Fact label={t('internalAudits.auditCount')}>{p.audits}</Fact>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
          <Fact label={t('internalAudits.objectives')}>{p.objectives && <Prose text={p.objectives} />}</Fact>
          <Fact label={t('internalAudits.method')}>{p.method && <Prose text={p.method} />}</Fact>
        </SimpleGrid>
      </Paper>
      <Tabs defaultValue="calendar" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="calendar">{t('internalAudits.calendar')}</Tabs.Tab>
          <Tabs.Tab value="audits" data-testid="tab-audits">
            {t('internalAudits.auditsTab', { count: p.auditList.length })}
          </Tabs.Tab>
          <Tabs.Tab value="coverage" data-testid="tab-coverage">
            {t('internalAudits.coverage')}
            {coverage.data &&
              ` (${t('internalAudits.gapCount', {
                count: coverage.data.gaps.clauses.length + coverage.data.gaps.processes.length,
              })})`}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="calendar" pt="sm">
          <ProgrammeCalendar programmeId={p.id} />
        </Tabs.Panel>
        <Tabs.Panel value="audits" pt="sm">
          <RegisterTable<AuditRow>
            rows={p.auditList}
            rowKey={(a) => a.id}
            empty={t('internalAudits.noAudits')}
            tableProps={{ striped: true, 'data-testid': 'programme-audits' }}
            columns={[
              {
                key: 'code',
                header: t('internalAudits.code'),
                cell: (a) => (
                  <Anchor component={Link} to={`/internal-audits/${a.id}`}>
                    {a.code}
                  </Anchor>
                ),
              },
              { key: 'title', header: t('internalAudits.title'), cell: (a) => a.title },
              {
                key: 'dates',
                header: t('internalAudits.dates'),
                cell: (a) => `${day(a.plannedStart)} – ${day(a.plannedEnd)}`,
              },
              { key: 'lead', header: t('internalAudits.leadAuditor'), cell: (a) => a.leadAuditor },
              {
                key: 'scope',
                header: t('internalAudits.scope'),
                cell: (a) => [...a.scopeProcesses.map(processName), ...a.scopeClauses].join(', '),
              },
              {
                key: 'state',
                header: t('internalAudits.state'),
                cell: (a) => (
                  <Badge color={auditColour[a.state]} variant="light" styles={wholeBadge}>
                    {t(`internalAudits.auditStates.${a.state}`)}
                  </Badge>
                ),
              },
            ]}
          />
        </Tabs.Panel>
        <Tabs.Panel value="coverage" pt="sm">
          {coverage.data ? (
            <CoveragePanel coverage={coverage.data} programme={p} />
          ) : (
            <Text c="dimmed">{t('common.loading')}</Text>
          )}
        </Tabs.Panel>
      </Tabs>
      {planning && (
        <PlanAuditDialog
          onClose={() => setPlanning(false)}
          clauses={(coverage.data?.clauses ?? []).map((c) => ({ number: c.clause, title: c.title }))}
          programme={{ id: p.id, code: p.code, ...suggestedWindow(p) }}
        />
      )}
    </Stack>
  );
}
