import { Button, Group, Paper, Rating, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, get } from '../api.ts';
import { showProblem } from '../app/showProblem.ts';

type ItemRating = { score: number; comment: string; ratedAt: string } | null;

/**
 * The requester's rating of work done for them: the form while they may rate (rating confirms and closes
 * the item), the rating once given.
 */
export function RatingPanel(props: { number: string; canRate: boolean; onRated: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const rating = useQuery({
    queryKey: ['rating', props.number],
    queryFn: () => get<{ rating: ItemRating }>(`/api/v1/work-items/${props.number}/rating`),
  });
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
  const rate = async () => {
    setSaving(true);
    try {
      await api(`/api/v1/work-items/${props.number}/rating`, { method: 'POST', body: { score, comment } });
      await qc.invalidateQueries({ queryKey: ['rating', props.number] });
      await props.onRated();
    } catch (e) {
      showProblem(t('common.error'), e);
    } finally {
      setSaving(false);
    }
  };
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
          loading={saving}
          onClick={rate}
          data-testid="rate-submit"
        >
          {t('requests.confirmAndRate')}
        </Button>
      </Stack>
    </Paper>
  );
}
