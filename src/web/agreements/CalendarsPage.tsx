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
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import {
  type BusinessCalendar as Cal,
  type Holiday,
  type Interval,
  useCalendars,
  useSaveCalendar,
} from './data.ts';

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

/** The business calendars agreements count their time in: opening hours per weekday, holidays, a time zone. */
export function CalendarsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [editing, setEditing] = useState<Cal | null>(null);
  const list = useCalendars();
  const keeper = can(me, ['service_level_manager']);
  return (
    <RegisterPage
      title={t('calendars.title')}
      create={{
        label: t('calendars.new'),
        allowed: keeper,
        form: (close) => <CalendarForm onClose={close} />,
      }}
      intro={t('calendars.intro')}
      body={
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {list.data?.items.map((c) => (
            <Card key={c.id} withBorder>
              <Group justify="space-between">
                <Title order={4}>{c.name}</Title>
                {keeper && (
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
      }
    >
      {editing && <CalendarForm cal={editing} onClose={() => setEditing(null)} />}
    </RegisterPage>
  );
}

function CalendarForm({ cal, onClose }: { cal?: Cal; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(cal?.name ?? '');
  const [timeZone, setTimeZone] = useState(cal?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [week, setWeek] = useState<Record<string, string>>(
    Object.fromEntries(days.map((d) => [d, show(cal?.week[d])])),
  );
  const [holidays, setHolidays] = useState((cal?.holidays ?? []).map(showHoliday).join('\n'));
  const write = useSaveCalendar({
    problemInForm: true,
    onSaved: () => {
      notifications.show({ color: 'green', message: t('calendars.saved') });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void write.save({
      editing: cal && { id: cal.id, version: cal.version },
      body: {
        name,
        timeZone,
        week: Object.fromEntries(days.map((d) => [d, parseIntervals(week[d] ?? '')])),
        holidays: holidays
          .split('\n')
          .filter((l) => l.trim())
          .map(parseHoliday),
      },
    });
  };
  const problem = write.problem;
  const f = write.errors;
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
