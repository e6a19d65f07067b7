import {
  Badge,
  Button,
  Group,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../app/dates.ts';
import { plainToHtml, SafeHtml } from '../app/SafeHtml.tsx';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { type Incident, useMajor, useMajorUpdate, useSaveReview } from './data.ts';

/** A major incident's owner, communications log (with the next update due) and post-incident review. */
export function MajorPanel({
  incident,
  canPost,
  manager,
}: {
  incident: Incident;
  /** Posting updates: those who work the incident. */
  canPost: boolean;
  /** Naming the owner and writing the review: the incident manager. */
  manager: boolean;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState('internal');
  const [review, setReview] = useState(incident.review);
  const major = incident.major!;
  const update = useMajorUpdate(incident.number, { onSaved: () => setBody('') });
  const owner = useMajor(incident.number);
  const reviewWrite = useSaveReview(incident.number);
  const post = () => update.save({ audience, body: plainToHtml(body) });
  const saveReview = (complete: boolean) =>
    review &&
    reviewWrite.save({
      summary: review.summary,
      rootCause: review.rootCause,
      wentWell: review.wentWell,
      improvements: review.improvements,
      rootCauseKnown: review.rootCauseKnown,
      complete,
      version: incident.review!.version,
    });
  const nameOwner = (ownerId: string) => owner.save({ ownerId, reason: major.reason ?? '' });
  const overdue =
    major.nextUpdateDue && new Date(major.nextUpdateDue).getTime() < Date.now() && !incident.final;
  return (
    <Paper withBorder p="md" style={{ borderColor: 'var(--mantine-color-red-4)' }}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('incidents.major')}</Title>
          <Group gap="xs">
            <Text size="sm">
              {t('incidents.majorOwner')}: {incident.names.majorOwner ?? t('incidents.ownerNeeded')}
            </Text>
            {major.nextUpdateDue && !incident.final && (
              <Badge color={overdue ? 'red' : 'gray'}>
                {t('incidents.nextUpdate')}: {formatInstant(major.nextUpdateDue, 'time')}
              </Badge>
            )}
          </Group>
        </Group>
        {major.reason && (
          <Text size="sm" c="dimmed">
            {major.reason}
          </Text>
        )}
        {major.updates.map((u) => (
          <Paper key={u.id} p="xs" bg={u.audience === 'customers' ? 'blue.0' : 'gray.0'}>
            <Text size="xs" c="dimmed">
              {formatInstant(u.at)} · {u.author} · {t(`incidents.audience.${u.audience}`)}
            </Text>
            <SafeHtml html={u.body} />
          </Paper>
        ))}
        {manager && !incident.final && (
          <PersonPicker
            workersOnly
            label={t('incidents.majorOwner')}
            value={major.ownerId}
            onChange={(ownerId) => ownerId && nameOwner(ownerId)}
            testId="major-owner"
          />
        )}
        {canPost && incident.state !== 'resolved' && (
          <Group align="flex-end">
            <Textarea
              label={t('incidents.postUpdate')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              style={{ flex: 1 }}
            />
            <SegmentedControl
              value={audience}
              onChange={setAudience}
              data={['internal', 'customers'].map((a) => ({ value: a, label: t(`incidents.audience.${a}`) }))}
            />
            <Button onClick={post} disabled={!body.trim()}>
              {t('incidents.post')}
            </Button>
          </Group>
        )}
        {review && (
          <Stack gap="xs">
            <Title order={5}>
              {t('incidents.review')}{' '}
              <Badge size="sm">{t(`incidents.reviewState.${incident.review!.state}`)}</Badge>
            </Title>
            {(['summary', 'rootCause', 'wentWell', 'improvements'] as const).map((f) => (
              <Textarea
                key={f}
                label={t(`incidents.reviewField.${f}`)}
                value={review[f]}
                disabled={incident.review!.state === 'completed'}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setReview((r) => (r ? { ...r, [f]: v } : r));
                }}
                error={reviewWrite.errors[f]}
                autosize
              />
            ))}
            <Radio.Group
              label={t('incidents.rootCauseKnown.label')}
              description={t('incidents.rootCauseKnown.help')}
              value={review.rootCauseKnown === null ? '' : String(review.rootCauseKnown)}
              onChange={(v) => setReview((r) => (r ? { ...r, rootCauseKnown: v === 'true' } : r))}
              error={reviewWrite.errors.rootCauseKnown}
              data-testid="review-root-cause-known"
            >
              <Group gap="lg" mt={4}>
                <Radio
                  value="true"
                  label={t('incidents.rootCauseKnown.yes')}
                  disabled={incident.review!.state === 'completed'}
                />
                <Radio
                  value="false"
                  label={t('incidents.rootCauseKnown.no')}
                  disabled={incident.review!.state === 'completed'}
                />
              </Group>
            </Radio.Group>
            {manager && incident.review!.state !== 'completed' && (
              <Group justify="flex-end">
                <Button variant="default" onClick={() => saveReview(false)}>
                  {t('common.save')}
                </Button>
                <Button onClick={() => saveReview(true)}>{t('incidents.completeReview')}</Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
