import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wholeBadge } from '../app/badges.ts';
import { formatDay, formatInstant } from '../app/dates.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import {
  type CorrectiveAction,
  type NewCorrectiveAction,
  type Nonconformity,
  useAddCorrectiveAction,
  useUpdateCorrectiveAction,
} from './data.ts';

/** While actions are still planned and carried out; from verification on they stand as they were. */
const actionStates = ['new', 'correction', 'analysis', 'action'];

const blank = { title: '', responsibleId: null as string | null, due: '' };

/**
 * The corrective actions: what is done to remove the cause, by whom, by when. Each is ticked off with a note
 * of what was done by its responsible person or whoever answers the nonconformity; one past its date shows
 * overdue, and once Keel has escalated it (told the owners) that shows too.
 */
export function CorrectiveActions({ nc }: { nc: Nonconformity }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(blank);
  const [ticking, setTicking] = useState<CorrectiveAction | null>(null);
  const [note, setNote] = useState('');
  const add = useAddCorrectiveAction(nc.number, { onSaved: () => setDraft(blank) });
  const change = useUpdateCorrectiveAction(nc.number, {
    onSaved: () => {
      setTicking(null);
      setNote('');
    },
  });
  const reopen = useUpdateCorrectiveAction(nc.number, { noForm: true });
  const open = actionStates.includes(nc.state);
  const mayAdd = nc.abilities.answer && open;
  const f = (k: string) => t(`nonconformities.actionField.${k}`);
  return (
    <Paper withBorder p="md" data-testid="nc-actions">
      <Title order={4} mb="xs">
        {t('nonconformities.actions')}
      </Title>
      {nc.actions.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="nc-actions-empty">
          {t('nonconformities.noActions')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={220}>{f('title')}</Table.Th>
              <Table.Th>{f('responsible')}</Table.Th>
              <Table.Th>{f('due')}</Table.Th>
              <Table.Th>{f('state')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {nc.actions.map((a) => (
              <Table.Tr key={a.id} data-testid="nc-action-row">
                <Table.Td>
                  <Text size="sm">{a.title}</Text>
                  {a.state === 'done' && a.doneNote && (
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                      {a.doneNote}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{a.responsibleName ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" c={a.overdue ? 'red' : undefined}>
                    {formatDay(a.due, i18n.language)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {a.state === 'done' ? (
                      <Badge color="green" variant="light" styles={wholeBadge} data-testid="nc-action-done">
                        {t('nonconformities.actionDone', {
                          at: a.doneAt ? formatInstant(a.doneAt, 'date') : '',
                        })}
                      </Badge>
                    ) : (
                      <Badge color="blue" variant="light" styles={wholeBadge}>
                        {t('nonconformities.actionOpen')}
                      </Badge>
                    )}
                    {a.overdue && (
                      <Badge color="red" styles={wholeBadge} data-testid="nc-action-overdue">
                        {t('nonconformities.overdue')}
                      </Badge>
                    )}
                    {a.escalatedAt && (
                      <Badge
                        color="orange"
                        variant="outline"
                        styles={wholeBadge}
                        title={formatInstant(a.escalatedAt)}
                      >
                        {t('nonconformities.escalated', { at: formatInstant(a.escalatedAt, 'date') })}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {a.mayTick && open && a.state === 'open' && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setTicking(a)}
                      data-testid="nc-action-tick"
                    >
                      {t('nonconformities.markDone')}
                    </Button>
                  )}
                  {a.mayTick && open && a.state === 'done' && (
                    <Button
                      size="xs"
                      variant="subtle"
                      loading={reopen.saving}
                      onClick={() => reopen.save({ id: a.id, version: a.version, patch: { done: false } })}
                    >
                      {t('nonconformities.reopen')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mayAdd && (
        <Stack gap="xs" mt="md" data-testid="nc-action-form">
          <Text size="sm" fw={600}>
            {t('nonconformities.addAction')}
          </Text>
          <Group align="flex-start" grow>
            <TextInput
              label={f('title')}
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
              error={add.errors.title}
              data-testid="nc-action-title"
            />
            <PersonPicker
              label={f('responsible')}
              staffOnly
              value={draft.responsibleId}
              onChange={(v) => setDraft({ ...draft, responsibleId: v })}
              error={add.errors.responsibleId}
              testId="nc-action-responsible"
            />
            <TextInput
              type="date"
              label={f('due')}
              value={draft.due}
              onChange={(e) => setDraft({ ...draft, due: e.currentTarget.value })}
              error={add.errors.due}
              data-testid="nc-action-due"
            />
          </Group>
          <Group>
            <Button
              size="sm"
              variant="light"
              loading={add.saving}
              disabled={!draft.title.trim()}
              onClick={() => add.save(draft as NewCorrectiveAction)}
              data-testid="nc-action-add"
            >
              {t('nonconformities.addAction')}
            </Button>
          </Group>
        </Stack>
      )}
      <Modal
        opened={ticking !== null}
        onClose={() => setTicking(null)}
        title={t('nonconformities.markDoneTitle', { title: ticking?.title ?? '' })}
      >
        <Stack>
          <Textarea
            label={t('nonconformities.doneNote')}
            description={t('nonconformities.doneNoteHelp')}
            autosize
            minRows={3}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={change.errors.note}
            data-testid="nc-action-note"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setTicking(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={change.saving}
              onClick={() =>
                ticking &&
                change.save({
                  id: ticking.id,
                  version: ticking.version,
                  patch: { done: true, note: note.trim() },
                })
              }
              data-testid="nc-action-confirm"
            >
              {t('nonconformities.markDone')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
