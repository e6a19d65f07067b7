import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReviewInputKey, reviewInputKeys } from '../../modules/reviews/lifecycle.ts';
import { formatDay, formatInstant } from '../app/dates.ts';
import { type Review, useReviewInputs, useUpdateReview } from './data.ts';
import { InputFigures } from './InputCards.tsx';

/** The preparer's words on one input: a box to write them in while the review is prepared, else the words. */
function Commentary({ review, k, saved }: { review: Review; k: ReviewInputKey; saved: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const update = useUpdateReview(review.id, { onSaved: () => setDraft(null) });
  if (!review.abilities.edit)
    return saved ? (
      <Paper bg="gray.0" p="sm" data-testid={`commentary-${k}`}>
        <Text size="xs" c="dimmed">
          {t('reviews.commentary')}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {saved}
        </Text>
      </Paper>
    ) : null;
  const text = draft ?? saved;
  return (
    <Stack gap={4}>
      <Textarea
        label={t('reviews.commentary')}
        placeholder={t('reviews.commentaryHint')}
        autosize
        minRows={2}
        value={text}
        onChange={(e) => setDraft(e.currentTarget.value)}
        error={update.errors[`commentary.${k}`]}
        data-testid={`commentary-${k}`}
      />
      {draft !== null && draft !== saved && (
        <Group gap="xs">
          <Button
            size="xs"
            loading={update.saving}
            onClick={() => update.save({ patch: { commentary: { [k]: draft } }, version: review.version })}
            data-testid={`commentary-save-${k}`}
          >
            {t('reviews.saveCommentary')}
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setDraft(null)}>
            {t('common.cancel')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/**
 * The inputs of the review (9.3), each assembled by the API from live data for the review's period (or as
 * frozen when the review was held), with the preparer's commentary per input.
 */
export function Preparation({ review }: { review: Review }) {
  const { t, i18n } = useTranslation();
  const q = useReviewInputs(review.id);
  const day = (d: string) => formatDay(d, i18n.language);
  if (q.isError) return <Alert color="red">{(q.error as Error).message}</Alert>;
  const data = q.data;
  if (!data) return <Text c="dimmed">{t('reviews.assembling')}</Text>;
  const commented = reviewInputKeys.filter((k) => review.commentary[k]).length;
  return (
    <Stack data-testid="review-inputs">
      <Text size="sm" c="dimmed">
        {data.frozen
          ? t('reviews.inputsFrozen', { at: formatInstant(data.assembledAt, 'medium') })
          : t('reviews.inputsLive', {
              from: day(data.period.from),
              to: day(data.period.to),
              prevFrom: day(data.previousPeriod.from),
              prevTo: day(data.previousPeriod.to),
            })}
        {review.abilities.edit &&
          ` ${t('reviews.commented', { count: commented, total: reviewInputKeys.length })}`}
      </Text>
      {reviewInputKeys.map((k, i) => (
        <Paper key={k} withBorder p="md" data-testid={`input-${k}`}>
          <Title order={4} mb={2}>
            {i + 1}. {t(`reviews.input.${k}`)}
          </Title>
          <Text size="xs" c="dimmed" mb="sm">
            {t(`reviews.inputHelp.${k}`)}
          </Text>
          <Stack gap="sm">
            <InputFigures k={k} inputs={data.inputs} />
            <Commentary review={review} k={k} saved={review.commentary[k] ?? ''} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
