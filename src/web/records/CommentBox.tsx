import { Button, Checkbox, Group, Paper, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { plainToHtml } from '../app/SafeHtml.tsx';
import { showProblem } from '../app/showProblem.ts';

/** Writing a comment on a work item: public, or internal where the writer is staff. */
export function CommentBox(props: { number: string; staff: boolean; onPosted: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [internal, setInternal] = useState(false);
  const [saving, setSaving] = useState(false);
  const post = async () => {
    setSaving(true);
    try {
      await api(`/api/v1/work-items/${props.number}/comments`, {
        method: 'POST',
        body: { body: plainToHtml(comment), internal },
      });
      setComment('');
      await props.onPosted();
    } catch (e) {
      showProblem(t('common.error'), e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Textarea
          label={t('incidents.addComment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
          data-testid="comment-box"
        />
        <Group justify="space-between">
          {props.staff ? (
            <Checkbox
              label={t('incidents.internalComment')}
              checked={internal}
              onChange={(e) => setInternal(e.currentTarget.checked)}
            />
          ) : (
            <span />
          )}
          <Button onClick={post} disabled={!comment.trim()} loading={saving} data-testid="post-comment">
            {t('incidents.post')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
