import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDay } from '../app/dates.ts';
import { useRisk } from './data.ts';

/** One risk or opportunity: what causes it, what it touches, its scores, treatment and actions. */
export function RiskPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = useRisk(id);
  const r = q.data;
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  if (!r) return <Text c="dimmed">{t('common.loading')}</Text>;
  const date = (s: string | null) => (s ? formatDay(s, i18n.language) : '—');
  return (
    <Stack maw={1000}>
      <Text size="sm" c="dimmed">
        {r.code} · {t(`risks.kinds.${r.kind}`)} · {t('risks.owner')}: {r.owner}
      </Text>
      <Title order={2}>{r.title}</Title>
      <Group>
        <Badge variant="light">
          {t('risks.inherent')}: {r.inherent.score} ({r.inherent.likelihood}×{r.inherent.impact})
        </Badge>
        <Badge color={r.high ? 'red' : 'gray'}>
          {t('risks.residual')}: {r.residual.score} ({r.residual.likelihood}×{r.residual.impact})
        </Badge>
        <Text size="sm">
          {t('risks.treatment')}: {t(`risks.treatments.${r.treatment}`)}
          {r.acceptedBy ? ` · ${t('risks.acceptedBy', { name: r.acceptedBy, at: date(r.acceptedAt) })}` : ''}
        </Text>
        <Text size="sm" c={r.reviewOverdue ? 'red' : 'dimmed'}>
          {t('risks.reviewDue')}: {date(r.reviewDue)}
        </Text>
      </Group>
      <Paper withBorder p="md">
        <Text size="sm">
          <b>{t('risks.causes')}:</b> {r.causes || '—'}
        </Text>
        <Text size="sm">
          <b>{t('risks.touches')}:</b> {[...r.services, ...r.cis].map((x) => x.name).join(', ') || '—'}
        </Text>
      </Paper>
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          {t('risks.actions')}
        </Text>
        {r.actions.length === 0 && <Text c="dimmed">{t('objectives.noActions')}</Text>}
        <Table>
          <Table.Tbody>
            {r.actions.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.done ? '✓' : '○'}</Table.Td>
                <Table.Td>{a.title}</Table.Td>
                <Table.Td>{a.responsible ?? '—'}</Table.Td>
                <Table.Td>{date(a.due)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
