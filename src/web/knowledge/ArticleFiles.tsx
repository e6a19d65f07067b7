import { ActionIcon, Anchor, Button, FileButton, Group, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../app/RegisterPage.tsx';
import {
  type Article,
  type ArticleAttachment,
  attachmentUrl,
  useAttachToArticle,
  useRemoveArticleFile,
} from './data.ts';
import { fileSize } from './format.ts';

/**
 * The article's files: add one, remove one. Remove is offered where the API says the reader may (a file
 * readers do not see yet: its writers; one of the published version: an approver), and asks first.
 */
export function Attachments({ article: a }: { article: Article }) {
  const { t, i18n } = useTranslation();
  const attach = useAttachToArticle(a.number);
  const [removing, setRemoving] = useState<ArticleAttachment | null>(null);
  const remove = useRemoveArticleFile(a.number, { onSaved: () => setRemoving(null) });
  return (
    <Paper withBorder p="md" mt="md" data-testid="article-files">
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('knowledge.attachments')}
        </Text>
        <FileButton onChange={(f) => f && attach.save(f)}>
          {(p) => (
            <Button {...p} size="xs" variant="light" loading={attach.saving} data-testid="article-attach">
              {t('knowledge.attach')}
            </Button>
          )}
        </FileButton>
      </Group>
      {a.attachments.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('knowledge.noAttachments')}
        </Text>
      )}
      {a.attachments.map((f) => (
        <Group key={f.id} justify="space-between" gap="xs" wrap="nowrap" data-testid="article-file">
          <Anchor size="sm" href={attachmentUrl(a.id, f.id)} download={f.fileName}>
            {f.fileName}
          </Anchor>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {f.published
                ? fileSize(f.size, i18n.language)
                : `${fileSize(f.size, i18n.language)} · ${t('knowledge.fileNotPublished')}`}
            </Text>
            {f.mayRemove && (
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                onClick={() => setRemoving(f)}
                aria-label={t('knowledge.removeFile', { name: f.fileName })}
                data-testid="article-file-remove"
              >
                ×
              </ActionIcon>
            )}
          </Group>
        </Group>
      ))}
      {removing && (
        <FormDialog
          title={t('knowledge.removeFileTitle', { name: removing.fileName })}
          onClose={() => setRemoving(null)}
          onSave={() => remove.save(removing.id)}
          saving={remove.saving}
          saveLabel={t('common.remove')}
          saveTestId="article-file-remove-confirm"
        >
          <Text size="sm">
            {removing.published
              ? t('knowledge.removePublishedFile', { number: a.number })
              : t('knowledge.removeDraftFile')}
          </Text>
        </FormDialog>
      )}
    </Paper>
  );
}
