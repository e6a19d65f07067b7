import {
  Anchor,
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { findingKinds, type RiskLevel, riskLevels } from '../../modules/audits/lifecycle.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay } from '../app/dates.ts';
import { type Coverage, type ProgrammePage, useRateProcessRisk } from './data.ts';
import { kindColour } from './format.ts';

type Row = Coverage['clauses'][number];
type ProcessRow = Coverage['processes'][number];
const riskColour: Record<RiskLevel, string> = { high: 'red', medium: 'yellow', low: 'gray' };

/** Whether the audits of the cycle cover it: a word and a colour, never the colour alone. */
function Covered({ covered }: { covered: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={covered ? 'green' : 'red'} variant="light" styles={wholeBadge}>
      {covered ? t('internalAudits.covered') : t('internalAudits.gap')}
    </Badge>
  );
}

function CoverageTable(props: {
  title: string;
  heading: string;
  /** Without the audits column: a list of gaps has none to show. */
  gapsOnly: boolean;
  rows: Array<{ id: string; name: string; row: Row }>;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Title order={5} mb="xs">
        {props.title}
      </Title>
      <Table striped data-testid={props.testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{props.heading}</Table.Th>
            <Table.Th>{t('internalAudits.coverageStatus')}</Table.Th>
            {!props.gapsOnly && <Table.Th>{t('internalAudits.auditsCovering')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map(({ id, name, row }) => (
            <Table.Tr key={id} data-testid={`coverage-${id}`}>
              <Table.Td>{name}</Table.Td>
              <Table.Td>
                <Covered covered={row.covered} />
              </Table.Td>
              {!props.gapsOnly && (
                <Table.Td>
                  <Group gap={6}>
                    {row.audits.map((a) => (
                      <Anchor key={a.id} component={Link} to={`/internal-audits/${a.id}`} size="sm">
                        {a.code}
                      </Anchor>
                    ))}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** Its findings in its last audit, by kind: only the kinds it had, each a coloured count with its name. */
function Findings({ row }: { row: ProcessRow }) {
  const { t } = useTranslation();
  if (!row.lastAudit) return <Text c="dimmed">–</Text>;
  const had = findingKinds.filter((k) => row.lastFindings[k] > 0);
  if (!had.length) return <Text size="sm">{t('internalAudits.frequency.noFindings')}</Text>;
  return (
    <Group gap={4}>
      {had.map((k) => (
        <Badge key={k} color={kindColour[k]} variant="light" styles={wholeBadge}>
          {row.lastFindings[k]} × {t(`internalAudits.kinds.${k}`)}
        </Badge>
      ))}
    </Group>
  );
}

/**
 * Each process with its risk (a select for whoever may rate it), its last audit and findings, how often it
 * is audited and when next, and whether that is a gap; "gaps only" keeps the gaps.
 */
function ProcessTable(props: {
  rows: ProcessRow[];
  programme: ProgrammePage;
  gapsOnly: boolean;
  cycleStart: string;
}) {
  const { t, i18n } = useTranslation();
  const rate = useRateProcessRisk(props.programme.id);
  const day = (d: string | null) => (d ? formatDay(d, i18n.language) : '–');
  const setRisk = (key: string, level: RiskLevel) =>
    rate.save({
      version: props.programme.version,
      risks: { ...props.programme.processRisk, [key]: level },
    });
  return (
    <div>
      <Title order={5} mb="xs">
        {t('internalAudits.processes')}
      </Title>
      <Table striped data-testid="coverage-processes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('internalAudits.process')}</Table.Th>
            <Table.Th>{t('internalAudits.frequency.risk')}</Table.Th>
            <Table.Th>{t('internalAudits.frequency.lastAudited')}</Table.Th>
            <Table.Th>{t('internalAudits.frequency.findings')}</Table.Th>
            <Table.Th>{t('internalAudits.frequency.every')}</Table.Th>
            <Table.Th>{t('internalAudits.frequency.nextDue')}</Table.Th>
            <Table.Th>{t('internalAudits.coverageStatus')}</Table.Th>
            {!props.gapsOnly && <Table.Th>{t('internalAudits.auditsCovering')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <Table.Tr key={row.key} data-testid={`coverage-${row.key}`}>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td>
                {props.programme.abilities.rateRisk ? (
                  <Select
                    size="xs"
                    w={110}
                    aria-label={t('internalAudits.frequency.riskOf', { process: row.name })}
                    value={row.risk}
                    allowDeselect={false}
                    disabled={rate.saving}
                    data={riskLevels.map((l) => ({
                      value: l,
                      label: t(`internalAudits.frequency.levels.${l}`),
                    }))}
                    onChange={(v) => v && v !== row.risk && setRisk(row.key, v as RiskLevel)}
                  />
                ) : (
                  <Badge color={riskColour[row.risk]} variant="light" styles={wholeBadge}>
                    {t(`internalAudits.frequency.levels.${row.risk}`)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {row.lastAudit ? (
                  <Anchor component={Link} to={`/internal-audits/${row.lastAudit.id}`} size="sm">
                    {day(row.lastAudited)}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('internalAudits.frequency.never')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Findings row={row} />
              </Table.Td>
              <Table.Td>{t('internalAudits.frequency.months', { count: row.intervalMonths })}</Table.Td>
              <Table.Td>{day(row.nextDue)}</Table.Td>
              <Table.Td>
                {row.gap && (row.audits.length > 0 || (row.lastAudited ?? '') >= props.cycleStart) ? (
                  // audited or planned in the cycle, but nothing planned by the day it falls due
                  <Badge color="red" variant="light" styles={wholeBadge}>
                    {t('internalAudits.frequency.gapDue')}
                  </Badge>
                ) : (
                  <Covered covered={!row.gap} />
                )}
              </Table.Td>
              {!props.gapsOnly && (
                <Table.Td>
                  <Group gap={6}>
                    {row.audits.map((a) => (
                      <Anchor key={a.id} component={Link} to={`/internal-audits/${a.id}`} size="sm">
                        {a.code}
                      </Anchor>
                    ))}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/**
 * The programme's coverage (9.2): every clause and process with the audits of the cycle that cover it, and
 * the gaps no audit covers yet; "gaps only" narrows both lists to what still needs planning.
 */
export function CoveragePanel({ coverage, programme }: { coverage: Coverage; programme: ProgrammePage }) {
  const { t } = useTranslation();
  const [show, setShow] = useState<'gaps' | 'all'>('gaps');
  const keep = (r: Row) => show === 'all' || !r.covered;
  const clauses = coverage.clauses
    .filter(keep)
    .map((c) => ({ id: c.clause, name: `${c.clause} ${c.title}`, row: c }));
  const processes = coverage.processes.filter((p) => show === 'all' || p.gap);
  return (
    <Paper withBorder p="md" data-testid="coverage">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>
          {t('internalAudits.coverageSummary', {
            clauses: coverage.clauses.length - coverage.gaps.clauses.length,
            clauseTotal: coverage.clauses.length,
            processes: coverage.processes.length - coverage.gaps.processes.length,
            processTotal: coverage.processes.length,
          })}
        </Text>
        <SegmentedControl
          size="xs"
          value={show}
          onChange={(v) => setShow(v as 'gaps' | 'all')}
          data={[
            { value: 'gaps', label: t('internalAudits.gapsOnly') },
            { value: 'all', label: t('internalAudits.everything') },
          ]}
          aria-label={t('internalAudits.coverage')}
        />
      </Group>
      <Stack>
        <ProcessTable
          rows={processes}
          programme={programme}
          gapsOnly={show === 'gaps'}
          cycleStart={coverage.cycleStart}
        />
        <CoverageTable
          title={t('internalAudits.clauses')}
          heading={t('internalAudits.clause')}
          gapsOnly={show === 'gaps'}
          rows={clauses}
          testId="coverage-clauses"
        />
      </Stack>
      {show === 'gaps' && !clauses.length && !processes.length && (
        <Text c="green" mt="xs">
          {t('internalAudits.noGaps')}
        </Text>
      )}
    </Paper>
  );
}
