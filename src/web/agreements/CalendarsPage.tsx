import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Holiday, Interval } from '../../modules/agreements/index.ts';
import { ApiProblem, get, saveRecord } from '../api.ts';
import { can, useMe } from '../auth/session.ts';

type Cal = {
  id: string;
  name: string;
  timeZone: string;
  week: Record<string, Interval[]>;
  holidays: Holiday[];
  version: number;
};
const days = ['1', '2', '3', '4', '5', '6', '7'];
const show = (list: Interval[] | undefined) => (list ?? []).map((i) => `${i.start}-${i.end}`).join(', ');
const parseIntervals = (text: string): Interval[] =>
  text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const [start = '', end = ''] = p.split('-').map((x) => x.trim());
      return { start, end };
    });
const showHoliday = (h: Holiday) =>
  [h.date, h.closed ? show(h.closed).replace(/, /g, ',') : '', h.name ?? ''].filter(Boolean).join(' ');
const parseHoliday = (line: string): Holiday => {
  const [date = '', ...rest] = line.trim().split(/\s+/);
  const closed =
    rest[0] && /^\d\d:\d\d-\d\d:\d\d(,\d\d:\d\d-\d\d:\d\d)*$/.test(rest[0])
      ? parseIntervals(rest.shift()!)
      : undefined;
  return { date, ...(closed ? { closed } : {}), ...(rest.length ? { name: rest.join(' ') } : {}) };
};

export function CalendarsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [editing, setEditing] = useState<Cal | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['calendars'],
    queryFn: () => get<{ items: Cal[] }>('/api/v1/calendars'),
  });
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('calendars.title')}</Title>
        {can(me, ['service_level_manager']) && (
          <Button onClick={() => setEditing('new')}>{t('calendars.new')}</Button>
        )}
      </Group>
      <Text c="dimmed" size="sm">
        {t('calendars.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {list.data?.items.map((c) => (
          <Card key={c.id} withBorder>
            <Group justify="space-between">
              <Title order={4}>{c.name}</Title>
              {can(me, ['service_level_manager']) && (
                <Button size="xs" variant="subtle" onClick={() => setEditing(c)}>
                  {t('calendars.edit')}
                </Button>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {c.timeZone}
            </Text>
            <Table fz="sm" mt="xs">
              <Table.Tbody>
                {days.map((d) => (
                  <Table.Tr key={d}>
                    <Table.Td w={110}>{t(`calendars.days.${d}`)}</Table.Td>
                    <Table.Td>{show(c.week[d]) || t('calendars.closed')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {c.holidays.length > 0 && (
              <Text size="xs" mt="xs">
                {t('calendars.holidays')}: {c.holidays.map(showHoliday).join('; ')}
              </Text>
            )}
          </Card>
        ))}
      </SimpleGrid>
      {editing && (
        <CalendarForm cal={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function CalendarForm({ cal, onClose }: { cal?: Cal; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(cal?.name ?? '');
  const [timeZone, setTimeZone] = useState(cal?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [week, setWeek] = useState<Record<string, string>>(
    Object.fromEntries(days.map((d) => [d, show(cal?.week[d])])),
  );
  const [holidays, setHolidays] = useState((cal?.holidays ?? []).map(showHoliday).join('\n'));
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name,
      timeZone,
      week: Object.fromEntries(days.map((d) => [d, parseIntervals(week[d] ?? '')])),
      holidays: holidays
        .split('\n')
        .filter((l) => l.trim())
        .map(parseHoliday),
    };
    try {
      await saveRecord('/api/v1/calendars', cal && { id: cal.id, ifMatch: `"${cal.version}"` }, body);
      await qc.invalidateQueries({ queryKey: ['calendars'] });
      notifications.show({ color: 'green', message: t('calendars.saved') });
      onClose();
    } catch (err) {
      if (err instanceof ApiProblem) setProblem(err);
    }
  };
  const f = problem?.fieldErrors() ?? {};
  return (
    <Modal opened onClose={onClose} title={cal?.name ?? t('calendars.new')} size="lg">
      <form onSubmit={submit}>
        <Stack>
          {problem && !problem.errors.length && <Alert color="red">{problem.message}</Alert>}
          <TextInput
            label={t('calendars.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={f.name}
          />
          <TextInput
            label={t('calendars.timeZone')}
            required
            value={timeZone}
            onChange={(e) => setTimeZone(e.currentTarget.value)}
            error={f.timeZone}
          />
          <Text size="sm" fw={500}>
            {t('calendars.week')}{' '}
            <Text span size="xs" c="dimmed">
              {t('calendars.hoursHint')}
            </Text>
          </Text>
          {days.map((d) => (
            <TextInput
              key={d}
              label={t(`calendars.days.${d}`)}
              value={week[d]}
              onChange={(e) => setWeek({ ...week, [d]: e.currentTarget.value })}
              error={Object.entries(f).find(([k]) => k.startsWith(`week.${d}`))?.[1]}
            />
          ))}
          <Textarea
            label={t('calendars.holidays')}
            description={t('calendars.holidaysHint')}
            value={holidays}
            onChange={(e) => setHolidays(e.currentTarget.value)}
            autosize
            minRows={3}
            error={Object.entries(f).find(([k]) => k.startsWith('holidays'))?.[1]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t('calendars.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
