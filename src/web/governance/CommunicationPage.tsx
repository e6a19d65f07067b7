import {
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { communicationKeepers as roleKeepers } from '../../modules/communication/policy.ts';
import { api, get } from '../api.ts';
import { formatDay } from '../app/dates.ts';
import { showProblem } from '../app/showProblem.ts';
import { useSave } from '../app/useSave.ts';
import { can, useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';

type Entry = {
  id: string;
  subject: string;
  audience: string;
  channel: string;
  frequency: string;
  responsibleId: string;
  responsible: string;
  active: boolean;
  version: number;
  nextTaskId: string | null;
  nextDue: string | null;
  overdue: boolean;
  lastDoneAt: string | null;
  lastNote: string | null;
};

/** The communication plan (7.4): what is said to whom, how, by whom, how often; each occurrence is a task. */
export function CommunicationPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const qc = useQueryClient();
  const keeper = can(me, roleKeepers);
  const [creating, setCreating] = useState(false);
  const [doing, setDoing] = useState<Entry | null>(null);
  const [note, setNote] = useState('');
  const q = useQuery({
    queryKey: ['communication'],
    queryFn: () => get<{ items: Entry[] }>('/api/v1/communication'),
  });
  const day = (d: string | null) => (d ? formatDay(d, i18n.language) : '—');
  const date = (d: string | null) => (d ? new Date(d).toLocaleDateString(i18n.language) : '—');
  const done = async () => {
    try {
      await api(`/api/v1/communication/tasks/${doing!.nextTaskId}/done`, { method: 'POST', body: { note } });
      await qc.invalidateQueries({ queryKey: ['communication'] });
      setDoing(null);
      setNote('');
    } catch (e) {
      showProblem(t('common.error'), e);
    }
  };
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('communication.title')}</Title>
        {keeper && (
          <Button onClick={() => setCreating(true)} data-testid="new-communication">
            {t('communication.new')}
          </Button>
        )}
      </Group>
      {q.data?.items.length === 0 && <Text>{t('communication.none')}</Text>}
      {(q.data?.items.length ?? 0) > 0 && (
        <Table striped data-testid="communication">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('communication.subject')}</Table.Th>
              <Table.Th>{t('communication.audience')}</Table.Th>
              <Table.Th>{t('communication.channel')}</Table.Th>
              <Table.Th>{t('communication.frequency')}</Table.Th>
              <Table.Th>{t('communication.responsible')}</Table.Th>
              <Table.Th>{t('communication.next')}</Table.Th>
              <Table.Th>{t('communication.last')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data!.items.map((e) => (
              <Table.Tr key={e.id} c={e.active ? undefined : 'dimmed'}>
                <Table.Td>{e.subject}</Table.Td>
                <Table.Td>{e.audience}</Table.Td>
                <Table.Td>{e.channel}</Table.Td>
                <Table.Td>{t(`communication.frequencies.${e.frequency}`)}</Table.Td>
                <Table.Td>{e.responsible}</Table.Td>
                <Table.Td>
                  {e.nextDue ? (
                    <Badge color={e.overdue ? 'red' : 'gray'} variant="light">
                      {day(e.nextDue)}
                    </Badge>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {date(e.lastDoneAt)}
                    {e.lastNote ? ` · ${e.lastNote}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {e.nextTaskId && (e.responsibleId === me.id || keeper) && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setDoing(e)}
                      data-testid={`done-${e.id}`}
                    >
                      {t('communication.markDone')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
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
      {creating && <EntryForm onClose={() => setCreating(false)} />}
    </Stack>
  );
}

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
  const { errors, save: send } = useSave([['communication']], onClose);
  const save = () => send('/api/v1/communication', 'POST', f);
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
    <Modal opened onClose={onClose} title={t('communication.new')} size="lg">
      <Stack>
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={save} data-testid="communication-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
