import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDay } from '../app/dates.ts';
import { can, useMe } from '../auth/session.ts';
import { type ObjectiveStep, useObjective, useObjectiveStep } from './data.ts';
import { formatValue, statusColour } from './objectives.ts';

/** One objective: where it stands, its trend, its plan, its reviews; its owner records values and acts. */
export function ObjectivePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const q = useObjective(id);
  const write = useObjectiveStep(id);
  const [value, setValue] = useState<number | string>('');
  const [evidence, setEvidence] = useState('');
  const [action, setAction] = useState('');
  const [note, setNote] = useState('');
  const o = q.data;
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  if (!o) return <Text c="dimmed">{t('common.loading')}</Text>;
  const keeper = o.owner.id === me.id || can(me, ['top_management']);
  /** Records a step; whether it went through (the input is cleared then). */
  const run = (step: ObjectiveStep) => write.save(step);
  const month = (iso: string) =>
    new Date(iso).toLocaleDateString(i18n.language, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const max = Math.max(o.target, ...o.trend.map((x) => x.value ?? 0)) || 1;
  return (
    <Stack maw={1100}>
      <Text size="sm" c="dimmed">
        {o.code} · {t('objectives.owner')}: {o.owner.name}
      </Text>
      <Title order={2}>{o.title}</Title>
      {o.businessGoal && <Text c="dimmed">{o.businessGoal}</Text>}
      <Group>
        <Badge size="lg" color={statusColour[o.status]} data-testid="objective-status">
          {t(`objectives.status.${o.status}`)}
        </Badge>
        <Text>
          {t('objectives.thisPeriod')}:{' '}
          <b data-testid="objective-value">{formatValue(o.current.value, o.unit)}</b> ·{' '}
          {t('objectives.target')} {o.direction === 'at_least' ? '≥' : '≤'} {formatValue(o.target, o.unit)} ·{' '}
          {t('objectives.deadline')} {formatDay(o.deadline, i18n.language)}
        </Text>
        <Text size="sm" c="dimmed">
          {o.measurement.kind === 'kpi' ? t(`objectives.kpi.${o.measurement.kpi}`) : t('objectives.byHand')}
          {o.measurement.kind === 'kpi' && o.measurement.priority ? ` · P${o.measurement.priority}` : ''}
        </Text>
      </Group>
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          {t('objectives.trend')}
        </Text>
        <Group align="flex-end" gap="md" h={140}>
          {o.trend.map((p) => (
            <Stack key={p.periodStart} gap={2} align="center" w={80}>
              <Text size="xs">{formatValue(p.value, o.unit)}</Text>
              <div
                style={{
                  width: 32,
                  height: `${Math.max(2, ((p.value ?? 0) / max) * 90)}px`,
                  background:
                    p.value === null ? 'var(--mantine-color-gray-3)' : 'var(--mantine-color-blue-5)',
                }}
              />
              <Text size="xs" c="dimmed">
                {month(p.periodStart)}
              </Text>
            </Stack>
          ))}
        </Group>
      </Paper>
      {o.measurement.kind === 'recorded' && keeper && (
        <Paper withBorder p="md">
          <Group align="flex-end">
            <NumberInput label={t('objectives.value')} value={value} onChange={setValue} w={140} />
            <TextInput
              label={t('objectives.evidence')}
              value={evidence}
              onChange={(e) => setEvidence(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button
              onClick={async () => {
                if (await run({ step: 'values', body: { value: Number(value), evidence } })) setEvidence('');
              }}
            >
              {t('objectives.record')}
            </Button>
          </Group>
        </Paper>
      )}
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          {t('objectives.plan')}
        </Text>
        {o.actions.length === 0 && <Text c="dimmed">{t('objectives.noActions')}</Text>}
        <Table>
          <Table.Tbody>
            {o.actions.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td w={40}>
                  <Checkbox
                    checked={a.done}
                    onChange={(e) => run({ step: 'done', actionId: a.id, done: e.currentTarget.checked })}
                    aria-label={a.title}
                  />
                </Table.Td>
                <Table.Td>{a.title}</Table.Td>
                <Table.Td>{a.responsible ?? '—'}</Table.Td>
                <Table.Td>{a.resources}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={a.overdue ? 'red' : undefined}>
                    {a.due ? formatDay(a.due, i18n.language) : '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {keeper && (
          <Group mt="xs">
            <TextInput
              placeholder={t('objectives.newAction')}
              value={action}
              onChange={(e) => setAction(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button
              variant="light"
              disabled={!action.trim()}
              onClick={async () => {
                if (await run({ step: 'actions', body: { title: action } })) setAction('');
              }}
            >
              {t('objectives.addAction')}
            </Button>
          </Group>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          {t('objectives.reviews')}
        </Text>
        {o.reviews.map((r) => (
          <Text key={r.at} size="sm">
            {new Date(r.at).toLocaleDateString(i18n.language)} · {r.reviewer} ·{' '}
            <Badge size="xs" variant="light" color={statusColour[r.status]}>
              {t(`objectives.status.${r.status}`)}
            </Badge>{' '}
            {formatValue(r.value, o.unit)} {r.note && `· ${r.note}`}
          </Text>
        ))}
        {keeper && (
          <Group mt="xs">
            <TextInput
              placeholder={t('objectives.reviewNote')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button
              variant="light"
              onClick={async () => {
                if (await run({ step: 'reviews', body: { note } })) setNote('');
              }}
            >
              {t('objectives.review')}
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
