import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDay, formatInstant } from '../app/dates.ts';
import { Fact } from '../app/Fact.tsx';
import { problemText } from '../app/showProblem.ts';
import { pdfUrl, type Review, type ReviewStep, useReview, useReviewStep } from './data.ts';
import { reviewStateColour } from './format.ts';
import { Meeting } from './Meeting.tsx';
import { Preparation } from './Preparation.tsx';

/** A first draft of the minutes from what the meeting recorded; top management rewrites it as they like. */
function minutesDraft(r: Review, t: TFunction, language: string) {
  const present = r.attendees.filter((a) => a.attended).map((a) => a.name);
  const lines = [
    `${r.title} (${r.code}), ${formatDay(r.meetingOn, language)}`,
    `${t('reviews.attendance')}: ${present.join(', ') || '—'}`,
    '',
    `${t('reviews.decisions')}:`,
    ...r.decisions.map((d) => `${d.position}. ${d.text}`),
    '',
    `${t('reviews.actions')}:`,
    ...r.actions.map(
      (a) => `- ${a.title} (${a.responsible?.name ?? '—'}${a.due ? `, ${formatDay(a.due, language)}` : ''})`,
    ),
  ];
  return lines.join('\n');
}

/** A step that asks for something: the minutes to approve, or the reason to call the review off. */
function StepDialog(props: { review: Review; step: ReviewStep; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { review, step } = props;
  const field = step === 'approve' ? 'minutes' : 'reason';
  const [text, setText] = useState(() =>
    step === 'approve' ? review.minutes || minutesDraft(review, t, i18n.language) : '',
  );
  const fire = useReviewStep(review.id, { problemInForm: true, onSaved: props.onClose });
  const general = fire.problem && !fire.problem.errors.length ? problemText(fire.problem) : null;
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t(`reviews.step.${step}`)}
      size={step === 'approve' ? 'xl' : 'md'}
    >
      <Stack>
        {step === 'approve' && (
          <Text size="sm" c="dimmed">
            {t('reviews.approveHelp')}
          </Text>
        )}
        <Textarea
          label={t(`reviews.field.${field}`)}
          autosize
          minRows={step === 'approve' ? 10 : 3}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={fire.errors[field] ?? fire.errors.attendees}
          data-testid={`review-${field}`}
        />
        {general && (
          <Text c="red" size="sm">
            {general}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={fire.saving}
            onClick={() => fire.save({ step, input: { [field]: text }, version: review.version })}
            data-testid="review-step-confirm"
          >
            {t(`reviews.step.${step}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * One management review (9.3): its plan; the inputs assembled from live data with the preparer's commentary
 * (the preparation); the meeting's attendance, decisions and actions; the minutes, approved and printed.
 */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = useReview(id);
  const [asking, setAsking] = useState<ReviewStep | null>(null);
  const quick = useReviewStep(id, { noForm: true });
  const [tab, setTab] = useState<string | null>(null);
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  const r = q.data;
  if (!r) return <Text c="dimmed">{t('common.loading')}</Text>;
  const day = (d: string) => formatDay(d, i18n.language);
  const met = r.state === 'held' || r.state === 'approved';
  const shownTab = tab ?? (met ? 'meeting' : 'inputs');
  return (
    <Stack maw={1100}>
      <Group gap="xs">
        <Anchor component={Link} to="/management-reviews" size="sm">
          {t('nav.managementReviews')}
        </Anchor>
        <Text size="sm" c="dimmed">
          / {r.code}
        </Text>
      </Group>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{r.title}</Title>
        {met && (
          <Button
            component="a"
            href={pdfUrl(r.id)}
            target="_blank"
            variant="default"
            data-testid="review-pdf"
          >
            {t('reviews.pdf')}
          </Button>
        )}
      </Group>
      <Group gap="xs">
        <Badge variant="light" color={reviewStateColour[r.state] ?? 'gray'} data-testid="review-state">
          {t(`reviews.state.${r.state}`)}
        </Badge>
        {r.inputsFrozen && <Badge variant="outline">{t('reviews.frozen')}</Badge>}
      </Group>
      {r.transitions.length > 0 && (
        <Group>
          {r.transitions.map((s) => (
            <Button
              key={s}
              variant={s === 'cancel' ? 'default' : 'light'}
              loading={quick.saving}
              onClick={() =>
                s === 'approve' || s === 'cancel'
                  ? setAsking(s)
                  : quick.save({ step: s, input: {}, version: r.version })
              }
              data-testid={`review-step-${s}`}
            >
              {t(`reviews.step.${s}`)}
            </Button>
          ))}
        </Group>
      )}
      <Text size="sm" c="dimmed">
        {t(`reviews.next.${r.state}`)}
      </Text>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Fact label={t('reviews.field.period')}>
            {day(r.periodFrom)} – {day(r.periodTo)}
          </Fact>
          <Fact label={t('reviews.field.meetingOn')}>{day(r.meetingOn)}</Fact>
          <Fact label={t('reviews.field.chair')}>{r.chair?.name}</Fact>
          <Fact label={t('reviews.field.location')}>{r.location}</Fact>
          {r.preparedAt && (
            <Fact label={t('reviews.field.prepared')}>
              {r.preparedBy?.name} · {formatInstant(r.preparedAt, 'date')}
            </Fact>
          )}
          {r.heldAt && <Fact label={t('reviews.field.held')}>{formatInstant(r.heldAt, 'date')}</Fact>}
          {r.approvedAt && (
            <Fact label={t('reviews.field.approved')}>
              {r.approvedBy?.name} · {formatInstant(r.approvedAt, 'date')}
            </Fact>
          )}
          {r.cancelReason && <Fact label={t('reviews.field.reason')}>{r.cancelReason}</Fact>}
        </SimpleGrid>
      </Paper>
      <Tabs value={shownTab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="inputs" data-testid="tab-inputs">
            {t('reviews.tabInputs')}
          </Tabs.Tab>
          <Tabs.Tab value="meeting" data-testid="tab-meeting">
            {t('reviews.tabMeeting')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="inputs" pt="md">
          {shownTab === 'inputs' && <Preparation review={r} />}
        </Tabs.Panel>
        <Tabs.Panel value="meeting" pt="md">
          <Meeting review={r} />
        </Tabs.Panel>
      </Tabs>
      {asking && <StepDialog review={r} step={asking} onClose={() => setAsking(null)} />}
    </Stack>
  );
}
