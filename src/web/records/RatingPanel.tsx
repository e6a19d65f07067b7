import { Button, Group, Paper, Rating, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRate, useRating } from './data.ts';

/**
 * The requester's rating of work done for them: the form while they may rate (rating confirms and closes
 * the item), the rating once given.
 */
export function RatingPanel(props: { number: string; canRate: boolean }) {
  const { t } = useTranslation();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const rating = useRating(props.number);
  const rate = useRate(props.number);
  const r = rating.data?.rating;
  if (r)
    return (
      <Group gap="xs" data-testid="rating">
        <Text size="sm">{t('requests.rated')}:</Text>
        <Rating value={r.score} readOnly size="sm" />
        <Text size="sm">{r.comment}</Text>
      </Group>
    );
  if (!props.canRate || !rating.data) return null;
  return (
    <Paper withBorder p="md" data-testid="rate">
      <Stack gap="xs">
        <Text fw={600}>{t('requests.rate')}</Text>
        <Rating value={score} onChange={setScore} data-testid="rating-stars" />
        <Textarea
          label={t('requests.ratingComment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          data-testid="rating-comment"
        />
        <Button
          w="fit-content"
          disabled={score === 0}
          loading={rate.saving}
          onClick={() => rate.save({ score, comment })}
          data-testid="rate-submit"
        >
          {t('requests.confirmAndRate')}
        </Button>
      </Stack>
    </Paper>
  );
}
