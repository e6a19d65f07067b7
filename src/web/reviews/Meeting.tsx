import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mayTickReviewAction } from '../../modules/reviews/policy.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay } from '../app/dates.ts';
import { useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { ActionDoneDialog } from './ActionDoneDialog.tsx';
import {
  type DecisionInput,
  type Review,
  type ReviewAction,
  type ReviewActionInput,
  useAddDecision,
  useAddReviewAction,
  useSetAttendees,
  useTickReviewAction,
} from './data.ts';

const topics = ['improvement', 'change', 'resources', 'other'] as const;

/**
 * Who is invited and, once the review is held, who attended: top management keeps the list. Each change is
 * saved at once (the list is replaced as a whole).
 */
function Attendance({ review }: { review: Review }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState<string | null>(null);
  const put = useSetAttendees(review.id, { onSaved: () => setAdding(null) });
  const held = review.state === 'held';
  const edit = review.abilities.attend;
  const list = review.attendees.map((a) => ({ userId: a.id, attended: a.attended }));
  const save = (attendees: typeof list) => put.save({ body: { attendees }, version: review.version });
  return (
    <Paper withBorder p="md" data-testid="review-attendance">
      <Title order={4} mb="xs">
        {held || review.state === 'approved' ? t('reviews.attendance') : t('reviews.invited')}
      </Title>
      {review.attendees.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reviews.noAttendees')}
        </Text>
      )}
      <Stack gap={4}>
        {review.attendees.map((a) => (
          <Group key={a.id} gap="xs" data-testid="review-attendee">
            {held && edit ? (
              <Checkbox
                label={a.name}
                checked={a.attended === true}
                disabled={put.saving}
                onChange={(e) => {
                  const attended = e.currentTarget.checked;
                  save(list.map((x) => (x.userId === a.id ? { ...x, attended } : x)));
                }}
                data-testid={`attended-${a.name}`}
              />
            ) : (
              <Text size="sm">
                {a.name}
                {a.attended !== null && (
                  <Text span size="xs" c={a.attended ? 'green' : 'dimmed'}>
                    {' '}
                    · {a.attended ? t('reviews.attended') : t('reviews.absent')}
                  </Text>
                )}
              </Text>
            )}
            {edit && (
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={t('reviews.removeAttendee', { name: a.name })}
                onClick={() => save(list.filter((x) => x.userId !== a.id))}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
      </Stack>
      {edit && (
        <Group align="flex-end" mt="sm">
          <PersonPicker
            label={t('reviews.addAttendee')}
            staffOnly
            value={adding}
            onChange={setAdding}
            testId="attendee-picker"
          />
          <Button
            variant="light"
            disabled={!adding || list.some((x) => x.userId === adding)}
            loading={put.saving}
            onClick={() => adding && save([...list, { userId: adding, attended: held ? true : null }])}
            data-testid="attendee-add"
          >
            {held ? t('reviews.addPresent') : t('reviews.invite')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

/** The decisions of the review: on improvement, changes to the SMS or its services, resources. */
function Decisions({ review }: { review: Review }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DecisionInput>({ text: '', topic: 'other' });
  const add = useAddDecision(review.id, { onSaved: () => setDraft({ text: '', topic: 'other' }) });
  return (
    <Paper withBorder p="md" data-testid="review-decisions">
      <Title order={4} mb="xs">
        {t('reviews.decisions')}
      </Title>
      {review.decisions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reviews.noDecisions')}
        </Text>
      )}
      <Stack gap="xs">
        {review.decisions.map((d) => (
          <Group key={d.id} gap="xs" align="flex-start" wrap="nowrap" data-testid="review-decision">
            <Text size="sm" fw={600} w={24}>
              {d.position}.
            </Text>
            <Text size="sm" style={{ flex: 1, whiteSpace: 'pre-wrap' }}>
              {d.text}
            </Text>
            <Badge size="sm" variant="outline" styles={wholeBadge}>
              {t(`reviews.topic.${d.topic}`)}
            </Badge>
          </Group>
        ))}
      </Stack>
      {review.abilities.decide && (
        <Stack gap="xs" mt="md">
          <Textarea
            label={t('reviews.newDecision')}
            autosize
            minRows={2}
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
            error={add.errors.text}
            data-testid="decision-text"
          />
          <Group align="flex-end">
            <Select
              label={t('reviews.field.topic')}
              data={topics.map((x) => ({ value: x, label: t(`reviews.topic.${x}`) }))}
              value={draft.topic}
              allowDeselect={false}
              onChange={(v) => v && setDraft({ ...draft, topic: v as DecisionInput['topic'] })}
              w={220}
            />
            <Button
              variant="light"
              disabled={!draft.text.trim()}
              loading={add.saving}
              onClick={() => add.save(draft)}
              data-testid="decision-add"
            >
              {t('reviews.addDecision')}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}

const blankAction: ReviewActionInput = { title: '', responsibleId: null, due: null, decisionId: null };

/** The actions of the review, tracked to closure: who answers for each and by when. */
function Actions({ review }: { review: Review }) {
  const { t, i18n } = useTranslation();
  const c = (k: string) => t(`reviews.cols.${k}`);
  const me = useMe().data!;
  const [draft, setDraft] = useState<ReviewActionInput>(blankAction);
  const [ticking, setTicking] = useState<ReviewAction | null>(null);
  const add = useAddReviewAction(review.id, { onSaved: () => setDraft(blankAction) });
  const reopen = useTickReviewAction({ noForm: true });
  const who = { userId: me.id, roles: me.roles };
  const f = (k: string) => t(`reviews.actionField.${k}`);
  return (
    <Paper withBorder p="md" data-testid="review-actions">
      <Title order={4} mb="xs">
        {t('reviews.actions')}
      </Title>
      {review.actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('reviews.noActions')}
        </Text>
      ) : (
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{c('action')}</Table.Th>
              <Table.Th>{c('responsible')}</Table.Th>
              <Table.Th>{c('due')}</Table.Th>
              <Table.Th>{c('state')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{c('tick')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {review.actions.map((a) => {
              const decision = review.decisions.find((d) => d.id === a.decisionId);
              const mayTick = mayTickReviewAction(who, { responsibleId: a.responsible?.id ?? null });
              return (
                <Table.Tr key={a.id} data-testid="review-action">
                  <Table.Td>
                    {a.title}
                    {decision && (
                      <Text size="xs" c="dimmed">
                        {t('reviews.forDecision', { position: decision.position })}
                      </Text>
                    )}
                    {a.done && a.doneNote && (
                      <Text size="xs" c="dimmed">
                        {a.doneNote}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{a.responsible?.name ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" c={a.overdue ? 'red' : undefined}>
                      {a.due ? formatDay(a.due, i18n.language) : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      size="sm"
                      variant="light"
                      color={a.done ? 'green' : a.overdue ? 'red' : 'blue'}
                      styles={wholeBadge}
                    >
                      {a.done ? t('reviews.done') : a.overdue ? t('reviews.overdue') : t('reviews.open')}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {mayTick && !a.done && (
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setTicking(a)}
                        data-testid="review-action-done"
                      >
                        {t('reviews.markDone')}
                      </Button>
                    )}
                    {mayTick && a.done && (
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => reopen.save({ reviewId: review.id, actionId: a.id, done: false })}
                      >
                        {t('reviews.reopen')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {review.abilities.decide && (
        <Stack gap="xs" mt="md">
          <Text size="sm" fw={600}>
            {t('reviews.addAction')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={f('title')}
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
              error={add.errors.title}
              data-testid="review-action-title"
            />
            <PersonPicker
              label={f('responsible')}
              staffOnly
              value={draft.responsibleId ?? null}
              onChange={(v) => setDraft({ ...draft, responsibleId: v })}
              error={add.errors.responsibleId}
              testId="review-action-responsible"
            />
            <TextInput
              type="date"
              label={f('due')}
              value={draft.due ?? ''}
              onChange={(e) => setDraft({ ...draft, due: e.currentTarget.value || null })}
              error={add.errors.due}
              data-testid="review-action-due"
            />
            <Select
              label={f('decision')}
              clearable
              data={review.decisions.map((d) => ({
                value: d.id,
                label: `${d.position}. ${d.text.length > 60 ? `${d.text.slice(0, 60)}…` : d.text}`,
              }))}
              value={draft.decisionId ?? null}
              onChange={(v) => setDraft({ ...draft, decisionId: v })}
              error={add.errors.decisionId}
            />
          </SimpleGrid>
          <Group>
            <Button
              variant="light"
              disabled={!draft.title.trim()}
              loading={add.saving}
              onClick={() => add.save(draft)}
              data-testid="review-action-add"
            >
              {t('reviews.addAction')}
            </Button>
          </Group>
        </Stack>
      )}
      {ticking && <ActionDoneDialog action={ticking} onClose={() => setTicking(null)} />}
    </Paper>
  );
}

/** The meeting: attendance, decisions and actions, then the minutes (approved by top management). */
export function Meeting({ review }: { review: Review }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Attendance review={review} />
      {review.state === 'planned' || review.state === 'prepared' ? (
        <Text size="sm" c="dimmed">
          {t('reviews.decideWhenHeld')}
        </Text>
      ) : (
        <>
          <Decisions review={review} />
          <Actions review={review} />
        </>
      )}
      {review.minutes && (
        <Paper withBorder p="md" data-testid="review-minutes">
          <Title order={4} mb="xs">
            {t('reviews.minutes')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {review.minutes}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
