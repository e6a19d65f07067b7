import { Anchor, Badge, Card, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDay } from '../app/dates.ts';
import { useLeadershipDashboard } from './data.ts';
import { formatValue, statusColour } from './objectives.ts';
import { GapList } from './RoleGaps.tsx';

/** One page for top management and the head of service management; every figure leads to its records. */
export function LeadershipPage() {
  const { t, i18n } = useTranslation();
  const q = useLeadershipDashboard();
  const d = q.data;
  if (!d) return <Text c="dimmed">{t('common.loading')}</Text>;
  return (
    <Stack maw={1200}>
      <Title order={2}>{t('leadership.title')}</Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {(['on_track', 'at_risk', 'missed', 'achieved', 'not_measured'] as const).map((s) => (
          <Card key={s} withBorder padding="sm">
            <Text size="xl" fw={700} c={statusColour[s]} data-testid={`objectives-${s}`}>
              {d.objectives.counts[s] ?? 0}
            </Text>
            <Anchor component={Link} to="/objectives" size="sm">
              {t(`objectives.status.${s}`)}
            </Anchor>
          </Card>
        ))}
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          {t('objectives.title')}
        </Title>
        {d.objectives.items.length === 0 && <Text c="dimmed">{t('objectives.none')}</Text>}
        <Table>
          <Table.Tbody>
            {d.objectives.items.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={o.link}>
                    {o.code} {o.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {formatValue(o.value, o.unit)} / {o.direction === 'at_least' ? '≥' : '≤'}{' '}
                  {formatValue(o.target, o.unit)}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={statusColour[o.status]}>
                    {t(`objectives.status.${o.status}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" data-testid="high-risks">
          <Title order={4} mb="xs">
            {t('leadership.highRisks')}
          </Title>
          {d.risks.high.length === 0 && <Text c="dimmed">{t('leadership.nothing')}</Text>}
          {d.risks.high.map((r) => (
            <Text key={r.id} size="sm">
              <Anchor component={Link} to={r.link}>
                {r.code} {r.title}
              </Anchor>{' '}
              · {r.score} · {t(`risks.treatments.${r.treatment}`)}
            </Text>
          ))}
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('leadership.riskReviews')}
          </Title>
          {d.risks.reviewsDue.length === 0 && <Text c="dimmed">{t('leadership.nothing')}</Text>}
          {d.risks.reviewsDue.map((r) => (
            <Text key={r.id} size="sm" c={r.overdue ? 'red' : undefined}>
              <Anchor component={Link} to={r.link}>
                {r.code} {r.title}
              </Anchor>{' '}
              · {formatDay(r.reviewDue, i18n.language)}
              {r.overdue && ` · ${t('leadership.overdue')}`}
            </Text>
          ))}
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('leadership.coverage')}
          </Title>
          {d.policies.coverage.length === 0 && <Text c="dimmed">{t('leadership.nothing')}</Text>}
          <Table>
            <Table.Tbody>
              {d.policies.coverage.map((p) => (
                <Table.Tr key={p.id} data-testid={`coverage-${p.identifier}`}>
                  <Table.Td>
                    <Anchor component={Link} to={p.link} size="sm">
                      {p.identifier} {p.title} (v{p.version})
                    </Anchor>
                  </Table.Td>
                  <Table.Td w={70}>
                    <Text size="sm" fw={600}>
                      {p.percent ?? 0}%
                    </Text>
                  </Table.Td>
                  <Table.Td w={170}>
                    <Text size="xs" c="dimmed">
                      {p.outstanding ? t('leadership.unread', { count: p.outstanding }) : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('leadership.decisions')}
          </Title>
          {d.policies.awaitingApproval.length + d.policies.reviewsDue.length === 0 && (
            <Text c="dimmed">{t('leadership.nothing')}</Text>
          )}
          {d.policies.awaitingApproval.map((p) => (
            <Text key={p.id} size="sm">
              {t('leadership.awaitingApproval')}:{' '}
              <Anchor component={Link} to={p.link}>
                {p.identifier} {p.title} (v{p.version})
              </Anchor>
            </Text>
          ))}
          {d.policies.reviewsDue.map((p) => (
            <Text key={p.id} size="sm">
              {t('leadership.reviewDue')}:{' '}
              <Anchor component={Link} to={p.link}>
                {p.identifier} {p.title}
              </Anchor>
            </Text>
          ))}
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" data-testid="dashboard-role-gaps">
        <Title order={4} mb="xs">
          <Anchor component={Link} to="/roles" inherit>
            {t('leadership.roleGaps')}
          </Anchor>
        </Title>
        <GapList gaps={d.roles.gaps} />
      </Paper>
      {/* open actions of management reviews (9.3), for those who read reviews */}
      {d.reviews.readable && (
        <Paper withBorder p="md" data-testid="dashboard-review-actions">
          <Title order={4} mb="xs">
            <Anchor component={Link} to="/management-reviews/actions" inherit>
              {t('reviews.dashboardTitle')}
            </Anchor>
          </Title>
          {d.reviews.openActions.length === 0 && <Text c="dimmed">{t('reviews.dashboardNone')}</Text>}
          {d.reviews.openActions.map((a) => (
            <Text key={a.id} size="sm" c={a.overdue ? 'red' : undefined}>
              <Anchor component={Link} to={a.link}>
                {a.reviewCode}
              </Anchor>{' '}
              {a.title} · {a.responsible ?? '—'}
              {a.due ? ` · ${formatDay(a.due, i18n.language)}` : ''}
              {a.overdue && ` · ${t('leadership.overdue')}`}
            </Text>
          ))}
        </Paper>
      )}
    </Stack>
  );
}
