import { Anchor, Badge, Group, Paper, SegmentedControl, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { wholeBadge } from '../app/badges.ts';
import type { Coverage } from './data.ts';

type Row = Coverage['clauses'][number] | Coverage['processes'][number];

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

/**
 * The programme's coverage (9.2): every clause and process with the audits of the cycle that cover it, and
 * the gaps no audit covers yet; "gaps only" narrows both lists to what still needs planning.
 */
export function CoveragePanel({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const [show, setShow] = useState<'gaps' | 'all'>('gaps');
  const keep = (r: Row) => show === 'all' || !r.covered;
  const clauses = coverage.clauses
    .filter(keep)
    .map((c) => ({ id: c.clause, name: `${c.clause} ${c.title}`, row: c }));
  const processes = coverage.processes.filter(keep).map((p) => ({ id: p.key, name: p.name, row: p }));
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
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <CoverageTable
          title={t('internalAudits.clauses')}
          heading={t('internalAudits.clause')}
          gapsOnly={show === 'gaps'}
          rows={clauses}
          testId="coverage-clauses"
        />
        <CoverageTable
          title={t('internalAudits.processes')}
          heading={t('internalAudits.process')}
          gapsOnly={show === 'gaps'}
          rows={processes}
          testId="coverage-processes"
        />
      </SimpleGrid>
      {show === 'gaps' && !clauses.length && !processes.length && (
        <Text c="green" mt="xs">
          {t('internalAudits.noGaps')}
        </Text>
      )}
    </Paper>
  );
}
