import { Button, Checkbox, Group, Paper, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { plainToHtml } from '../app/SafeHtml.tsx';
import { useComment } from './data.ts';

/** Writing a comment on a work item: public, or internal where the writer may write internal notes. */
export function CommentBox(props: { number: string; canInternal: boolean }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [internal, setInternal] = useState(false);
  const post = useComment(props.number, { onSaved: () => setComment('') });
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
          {props.canInternal ? (
            <Checkbox
              label={t('incidents.internalComment')}
              checked={internal}
              onChange={(e) => setInternal(e.currentTarget.checked)}
            />
          ) : (
            <span />
          )}
          <Button
            onClick={() => post.save({ body: plainToHtml(comment), internal })}
            disabled={!comment.trim()}
            loading={post.saving}
            data-testid="post-comment"
          >
            {t('incidents.post')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
