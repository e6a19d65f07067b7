import { Badge, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { communicationKeepers } from '../../modules/communication/policy.ts';
import { formatDay } from '../app/dates.ts';
import { FormDialog, RegisterPage } from '../app/RegisterPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import {
  type CommunicationEntry as Entry,
  useCommunicationDone,
  useCommunicationPlan,
  useSaveEntry,
} from './data.ts';

/** The communication plan (7.4): what is said to whom, how, by whom, how often; each occurrence is a task. */
export function CommunicationPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const keeper = can(me, communicationKeepers);
  const [doing, setDoing] = useState<Entry | null>(null);
  const [note, setNote] = useState('');
  const q = useCommunicationPlan();
  const markDone = useCommunicationDone({
    onSaved: () => {
      setDoing(null);
      setNote('');
    },
  });
  const day = (d: string | null) => (d ? formatDay(d, i18n.language) : '—');
  const date = (d: string | null) => (d ? new Date(d).toLocaleDateString(i18n.language) : '—');
  const done = () => markDone.save({ taskId: doing!.nextTaskId!, note });
  return (
    <RegisterPage<Entry>
      title={t('communication.title')}
      create={{
        label: t('communication.new'),
        testId: 'new-communication',
        allowed: keeper,
        form: (close) => <EntryForm onClose={close} />,
      }}
      table={{
        rows: q.data?.items,
        empty: t('communication.none'),
        rowKey: (e) => e.id,
        rowProps: (e) => ({ c: e.active ? undefined : 'dimmed' }),
        tableProps: { striped: true, 'data-testid': 'communication' },
        columns: [
          { key: 'subject', header: t('communication.subject'), cell: (e) => e.subject },
          { key: 'audience', header: t('communication.audience'), cell: (e) => e.audience },
          { key: 'channel', header: t('communication.channel'), cell: (e) => e.channel },
          {
            key: 'frequency',
            header: t('communication.frequency'),
            cell: (e) => t(`communication.frequencies.${e.frequency}`),
          },
          { key: 'responsible', header: t('communication.responsible'), cell: (e) => e.responsible },
          {
            key: 'next',
            header: t('communication.next'),
            cell: (e) =>
              e.nextDue ? (
                <Badge color={e.overdue ? 'red' : 'gray'} variant="light">
                  {day(e.nextDue)}
                </Badge>
              ) : (
                '—'
              ),
          },
          {
            key: 'last',
            header: t('communication.last'),
            cell: (e) => (
              <Text size="xs">
                {date(e.lastDoneAt)}
                {e.lastNote ? ` · ${e.lastNote}` : ''}
              </Text>
            ),
          },
          {
            key: 'done',
            cell: (e) =>
              e.nextTaskId &&
              (e.responsibleId === me.id || keeper) && (
                <Button size="xs" variant="light" onClick={() => setDoing(e)} data-testid={`done-${e.id}`}>
                  {t('communication.markDone')}
                </Button>
              ),
          },
        ],
      }}
    >
      {doing && (
        <Modal opened onClose={() => setDoing(null)} title={doing.subject}>
          <Stack>
            <TextInput
              label={t('communication.whatWasSaid')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              data-testid="communication-note"
            />
            <Group justify="flex-end">
              <Button onClick={done} data-testid="communication-done">
                {t('communication.markDone')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </RegisterPage>
  );
}

/** A line of the plan: what is said to whom, by which channel, how often, by whom, first when. */
function EntryForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({
    subject: '',
    audience: '',
    channel: '',
    frequency: 'monthly',
    responsibleId: null as string | null,
    firstDue: new Date().toISOString().slice(0, 10),
  });
  const write = useSaveEntry({ onSaved: onClose });
  const { errors } = write;
  const save = () => write.save({ body: f });
  const text = (k: 'subject' | 'audience' | 'channel') => (
    <TextInput
      label={t(`communication.${k}`)}
      required
      value={f[k]}
      onChange={(e) => setF({ ...f, [k]: e.currentTarget.value })}
      error={errors[k]}
      data-testid={`communication-${k}`}
    />
  );
  return (
    <FormDialog
      title={t('communication.new')}
      size="lg"
      onClose={onClose}
      onSave={save}
      saveTestId="communication-save"
    >
      {text('subject')}
      <SimpleGrid cols={2}>
        {text('audience')}
        {text('channel')}
      </SimpleGrid>
      <SimpleGrid cols={3}>
        <Select
          label={t('communication.frequency')}
          data={['once', 'monthly', 'quarterly', 'yearly'].map((x) => ({
            value: x,
            label: t(`communication.frequencies.${x}`),
          }))}
          value={f.frequency}
          onChange={(v) => v && setF({ ...f, frequency: v })}
          allowDeselect={false}
        />
        <PersonPicker
          label={t('communication.responsible')}
          value={f.responsibleId}
          onChange={(v) => setF({ ...f, responsibleId: v })}
          staffOnly
          error={errors.responsibleId}
        />
        <TextInput
          type="date"
          label={t('communication.firstDue')}
          value={f.firstDue}
          onChange={(e) => setF({ ...f, firstDue: e.currentTarget.value })}
          error={errors.firstDue}
        />
      </SimpleGrid>
    </FormDialog>
  );
}
