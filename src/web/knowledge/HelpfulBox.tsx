import { Button, Group, Paper, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Article, useFeedback } from './data.ts';

/**
 * "Was this helpful?" under an article: yes or no, with a word on what was missing when it was not. The
 * reader's answer shows once given, and can be changed by answering again.
 */
export function HelpfulBox({ article }: { article: Article }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  const feedback = useFeedback(article.number, { onSaved: () => setAsking(false) });
  if (!article.abilities.feedback) return null;
  const mine = article.myFeedback;
  return (
    <Paper withBorder p="sm" data-testid="helpful-box">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500} id={`helpful-${article.id}`}>
          {mine
            ? t(mine.helpful ? 'knowledge.helpful.thanksYes' : 'knowledge.helpful.thanksNo')
            : t('knowledge.helpful.question')}
        </Text>
        <Group gap="xs" role="group" aria-labelledby={`helpful-${article.id}`}>
          <Button
            size="xs"
            variant={mine?.helpful === true ? 'filled' : 'light'}
            color="green"
            onClick={() => feedback.save({ helpful: true })}
            loading={feedback.saving}
            aria-pressed={mine?.helpful === true}
            data-testid="helpful-yes"
          >
            {t('knowledge.helpful.yes')}
          </Button>
          <Button
            size="xs"
            variant={mine?.helpful === false ? 'filled' : 'light'}
            color="red"
            onClick={() => setAsking(true)}
            aria-pressed={mine?.helpful === false}
            data-testid="helpful-no"
          >
            {t('knowledge.helpful.no')}
          </Button>
        </Group>
      </Group>
      {asking && (
        <Group mt="xs" align="flex-end">
          <Textarea
            style={{ flex: 1 }}
            label={t('knowledge.helpful.whatMissing')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={1}
            maxLength={2000}
            data-testid="helpful-comment"
          />
          <Button
            size="sm"
            onClick={() => feedback.save({ helpful: false, comment: comment.trim() || undefined })}
            loading={feedback.saving}
            data-testid="helpful-send"
          >
            {t('knowledge.helpful.send')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
