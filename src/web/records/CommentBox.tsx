import { Button, Checkbox, Group, Paper, Stack, Textarea } from '@mantine/core';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { plainToHtml } from '../app/SafeHtml.tsx';
import { useComment } from './data.ts';

/**
 * Puts text into the comment being written; `onPosted` runs once a comment still holding `marker` (a link,
 * plain characters) is posted, told whether it was internal, so what was inserted (an article) can be
 * recorded as sent.
 */
export type InsertIntoComment = (
  text: string,
  onPosted?: { marker: string; run: (internal: boolean) => void },
) => void;

/**
 * Writing a comment on a work item: public, or internal where the writer may write internal notes. `tools`
 * are buttons beside it that insert text (an article into a reply).
 */
export function CommentBox(props: {
  number: string;
  canInternal: boolean;
  tools?: (insert: InsertIntoComment) => ReactNode;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [internal, setInternal] = useState(false);
  const posted = useRef<Array<{ marker: string; run: (internal: boolean) => void }>>([]);
  const post = useComment(props.number, {
    onSaved: (_, sent) => {
      setComment('');
      for (const p of posted.current.splice(0)) if (sent.body.includes(p.marker)) p.run(sent.internal);
    },
  });
  const insert: InsertIntoComment = (text, onPosted) => {
    setComment((c) => (c.trim() ? `${c.trimEnd()}\n\n${text}` : text));
    if (onPosted) posted.current.push(onPosted);
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
          {props.canInternal ? (
            <Checkbox
              label={t('incidents.internalComment')}
              checked={internal}
              onChange={(e) => setInternal(e.currentTarget.checked)}
            />
          ) : (
            <span />
          )}
          <Group gap="xs">
            {props.tools?.(insert)}
            <Button
              onClick={() => post.save({ body: plainToHtml(comment), internal })}
              disabled={!comment.trim()}
              loading={post.saving}
              data-testid="post-comment"
            >
              {t('incidents.post')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
