import { Anchor, Badge, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useServiceLevelReport } from './data.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);
const pctColour = (p: number | null) =>
  p === null ? 'gray' : p >= 95 ? 'green' : p >= 85 ? 'orange' : 'red';

/** The service level report of one agreement for a period: what the customer reviews with the service level manager. */
export function ReportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const now = new Date();
  const [from, setFrom] = useState(day(new Date(now.getFullYear(), now.getMonth() - 2, 1)));
  const [to, setTo] = useState(day(now));
  const report = useServiceLevelReport(id, from, to);
  const r = report.data;
  return (
    <Stack maw={1200}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Anchor component={Link} to="/agreements" size="sm">
            {t('nav.agreements')}
          </Anchor>
          <Title order={2}>
            {t('report.title')}: {r?.agreement.name}
          </Title>
          {r && (
            <Text size="sm" c="dimmed" data-testid="report-zone">
              {t('report.zone', { zone: r.timeZone })}
            </Text>
          )}
        </div>
        <Group>
          <TextInput
            type="date"
            label={t('report.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('report.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={from > to ? t('report.badRange') : undefined}
          />
        </Group>
      </Group>
      {report.isError && <Text c="red">{(report.error as Error).message}</Text>}
      {r && (
        <>
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              {t('report.targets')}
            </Title>
            {r.targets.length === 0 ? (
              <Text c="dimmed">{t('report.nothing')}</Text>
            ) : (
              <Table data-testid="report-targets">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('report.metric')}</Table.Th>
                    <Table.Th>{t('incidents.priority')}</Table.Th>
                    <Table.Th>{t('report.target')}</Table.Th>
                    <Table.Th>{t('report.met')}</Table.Th>
                    <Table.Th>{t('report.missed')}</Table.Th>
                    <Table.Th>{t('report.openCount')}</Table.Th>
                    <Table.Th>{t('report.metPercent')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.targets.map((x) => (
                    <Table.Tr key={`${x.metric}-${x.priority}`}>
                      <Table.Td>{t(`clocks.metric.${x.metric}`)}</Table.Td>
                      <Table.Td>P{x.priority}</Table.Td>
                      <Table.Td>{x.minutes === null ? '—' : `${x.minutes} min`}</Table.Td>
                      <Table.Td>{x.met}</Table.Td>
                      <Table.Td>{x.missed}</Table.Td>
                      <Table.Td>{x.open}</Table.Td>
                      <Table.Td>
                        <Badge color={pctColour(x.metPercent)}>
                          {x.metPercent === null ? '—' : `${x.metPercent}%`}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              {t('report.byService')}
            </Title>
            <Table>
              <Table.Tbody>
                {r.byServiceMonth.map((x) => (
                  <Table.Tr key={`${x.service}-${x.month}`}>
                    <Table.Td>{x.month}</Table.Td>
                    <Table.Td>{x.service ?? '—'}</Table.Td>
                    <Table.Td>{t('report.ofResolved', { met: x.met, total: x.met + x.missed })}</Table.Td>
                    <Table.Td>
                      <Badge color={pctColour(x.metPercent)}>
                        {x.metPercent === null ? '—' : `${x.metPercent}%`}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              {t('report.workload')}
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              {t('report.limits')}: {r.workloadLimits || '—'}
            </Text>
            {r.workload.map((w) => (
              <Text key={`${w.month}-${w.type}`} size="sm">
                {w.month}: {w.count}
              </Text>
            ))}
          </Paper>
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              {t('report.breaches', { count: r.breaches.length })}
            </Title>
            <Table>
              <Table.Tbody>
                {r.breaches.map((b) => (
                  <Table.Tr key={`${b.number}-${b.metric}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/work-items/${b.number}`}>
                        {b.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{b.title}</Table.Td>
                    <Table.Td>
                      {t(`clocks.metric.${b.metric}`)} P{b.priority}
                    </Table.Td>
                    <Table.Td>
                      {b.reason ?? (
                        <Text c="dimmed" size="sm">
                          {t('report.noReason')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </>
      )}
    </Stack>
  );
}
