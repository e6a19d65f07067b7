import { Badge, Button, Group, Pagination, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayKeepReports } from '../../modules/reports/policy.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay, formatInstant } from '../app/dates.ts';
import { type Column, RegisterPage, RegisterTable } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import {
  type Distribution,
  type ReportSchedule,
  useDeleteSchedule,
  useDistributions,
  useReportSchedules,
  useSendNow,
  useToggleSchedule,
} from './data.ts';
import { ScheduleForm } from './ScheduleForm.tsx';

const PAGE = 25;

const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 102.4) / 10} kB`);

/** The reports sent, newest first: the period, to whom, the files with their SHA-256, and their delivery. */
function History({ schedules }: { schedules: ReportSchedule[] }) {
  const { t, i18n } = useTranslation();
  const [scheduleId, setScheduleId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const list = useDistributions(scheduleId, page, PAGE);
  const total = list.data?.total ?? 0;
  const day = (d: string) => formatDay(d, i18n.language);
  const columns: Column<Distribution>[] = [
    {
      key: 'sent',
      header: t('serviceReports.history.sentAt'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (d) => formatInstant(d.sentAt, 'short'),
    },
    { key: 'schedule', header: t('serviceReports.field.name'), cell: (d) => d.scheduleName },
    {
      key: 'period',
      header: t('serviceReports.history.period'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (d) => `${day(d.from)} – ${day(d.to)}`,
    },
    {
      key: 'recipients',
      header: t('serviceReports.field.recipients'),
      cell: (d) => (
        <Tooltip label={d.recipients.join(', ')} multiline maw={400} disabled={d.recipients.length === 0}>
          <Text size="sm">{t('serviceReports.history.recipientCount', { count: d.recipients.length })}</Text>
        </Tooltip>
      ),
    },
    {
      key: 'files',
      header: t('serviceReports.history.files'),
      cell: (d) => (
        <Stack gap={0}>
          {d.files.map((f) => (
            <Text key={f.name} size="xs">
              {f.name} · {kb(f.bytes)} ·{' '}
              <Text span ff="monospace" size="xs" c="dimmed" title={f.sha256}>
                {f.sha256.slice(0, 12)}…
              </Text>
            </Text>
          ))}
        </Stack>
      ),
    },
    {
      key: 'status',
      header: t('serviceReports.history.status'),
      cell: (d) => (
        <Stack gap={2}>
          <Badge
            color={d.status === 'sent' ? 'green' : 'red'}
            variant="light"
            styles={wholeBadge}
            title={d.error}
          >
            {t(`serviceReports.status.${d.status}`)}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('serviceReports.history.delivery', d.delivery)}
          </Text>
        </Stack>
      ),
    },
  ];
  return (
    <Paper withBorder p="md" data-testid="report-history">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('serviceReports.history.title')}</Title>
        <Select
          placeholder={t('serviceReports.history.allSchedules')}
          aria-label={t('serviceReports.history.which')}
          clearable
          data={schedules.map((s) => ({ value: s.id, label: s.name }))}
          value={scheduleId}
          onChange={(v) => {
            setScheduleId(v);
            setPage(1);
          }}
          w={280}
        />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t('serviceReports.history.intro')}
      </Text>
      <RegisterTable<Distribution>
        rows={list.data?.items}
        columns={columns}
        rowKey={(d) => d.id}
        empty={t('serviceReports.history.empty')}
        emptyProps={{ c: 'dimmed' }}
        tableProps={{ striped: true, 'data-testid': 'report-distributions' }}
      />
      {total > PAGE && <Pagination mt="sm" total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
    </Paper>
  );
}

/** Service reporting (9.4): the schedules of reports mailed each period, and what was sent. */
export function ReportsPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const keeper = mayKeepReports(me);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<ReportSchedule | null>(null);
  const list = useReportSchedules(page, PAGE);
  const total = list.data?.total ?? 0;
  const toggle = useToggleSchedule();
  const remove = useDeleteSchedule();
  const sendNow = useSendNow({
    onSaved: (d) => {
      notifications.show({
        color: d.status === 'sent' ? 'green' : 'red',
        message: t(d.status === 'sent' ? 'serviceReports.sentNow' : 'serviceReports.failedNow', {
          name: d.scheduleName,
          count: d.recipients.length,
        }),
      });
    },
  });
  const columns: Column<ReportSchedule>[] = [
    {
      key: 'name',
      header: t('serviceReports.field.name'),
      cell: (s) => (
        <>
          <Text size="sm" fw={500}>
            {s.name}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`serviceReports.kind.${s.kind}`)}
            {s.agreementName ? ` · ${s.agreementName}` : ''}
          </Text>
        </>
      ),
    },
    {
      key: 'frequency',
      header: t('serviceReports.field.frequency'),
      cell: (s) =>
        `${t(`serviceReports.frequency.${s.frequency}`)} · ${s.formats.map((f) => f.toUpperCase()).join(', ')}`,
    },
    {
      key: 'recipients',
      header: t('serviceReports.field.recipients'),
      cell: (s) => (
        <Text size="sm" lineClamp={2}>
          {[...s.recipients.map((r) => r.name), ...s.recipientAddresses].join(', ') || '—'}
        </Text>
      ),
    },
    {
      key: 'next',
      header: t('serviceReports.field.nextRun'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (s) =>
        s.active ? (
          formatInstant(s.nextRunAt, 'date')
        ) : (
          <Badge color="gray" variant="light" styles={wholeBadge}>
            {t('serviceReports.off')}
          </Badge>
        ),
    },
    {
      key: 'last',
      header: t('serviceReports.field.lastSent'),
      td: { style: { whiteSpace: 'nowrap' } },
      cell: (s) => (s.lastSent ? formatInstant(s.lastSent, 'date') : '—'),
    },
    ...(keeper
      ? [
          {
            key: 'do',
            td: { style: { whiteSpace: 'nowrap' } },
            cell: (s: ReportSchedule) => (
              <Group gap={4} wrap="nowrap">
                <Button
                  size="xs"
                  variant="light"
                  loading={sendNow.saving}
                  onClick={() => sendNow.save(s.id)}
                  data-testid="report-send-now"
                >
                  {t('serviceReports.sendNow')}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setEditing(s)} data-testid="report-edit">
                  {t('common.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => toggle.save({ id: s.id, version: s.version, active: !s.active })}
                >
                  {s.active ? t('serviceReports.switchOff') : t('serviceReports.switchOn')}
                </Button>
                {s.abilities.remove && (
                  <Button size="xs" variant="subtle" color="red" onClick={() => remove.save(s.id)}>
                    {t('common.remove')}
                  </Button>
                )}
              </Group>
            ),
          } satisfies Column<ReportSchedule>,
        ]
      : []),
  ];
  return (
    <RegisterPage<ReportSchedule>
      title={t('serviceReports.title')}
      intro={t('serviceReports.intro')}
      create={{
        label: t('serviceReports.new'),
        testId: 'new-report-schedule',
        allowed: keeper,
        form: (close) => <ScheduleForm onClose={close} />,
      }}
      error={list.error}
      table={{
        rows: list.data?.items,
        columns,
        rowKey: (s) => s.id,
        empty: t('serviceReports.empty'),
        emptyProps: { c: 'dimmed' },
        tableProps: { striped: true, 'data-testid': 'report-schedules' },
      }}
      footer={
        <>
          {total > PAGE && <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} />}
          <History schedules={list.data?.items ?? []} />
        </>
      }
    >
      {editing && <ScheduleForm schedule={editing} onClose={() => setEditing(null)} />}
    </RegisterPage>
  );
}
