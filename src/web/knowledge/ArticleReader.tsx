import { Anchor, Badge, Group, List, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isInternal } from '../../kernel/access/roles.ts';
import { formatInstant } from '../app/dates.ts';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { useMe } from '../auth/session.ts';
import { type Article, attachmentUrl, countView } from './data.ts';
import { fileSize } from './format.ts';

/** Counts one reading of the article per visit of the page or dialog that shows it. */
export function useCountView(ref: string | undefined, published: boolean) {
  const counted = useRef<string | null>(null);
  useEffect(() => {
    if (!ref || !published || counted.current === ref) return;
    counted.current = ref;
    void countView(ref).catch(() => {});
  }, [ref, published]);
}

/**
 * An article as its readers read it: what it is, its other languages, its published text (sanitised on the
 * server), and its files. Shown on the article's page and in the portal's dialog.
 */
export function ArticleReader(props: {
  article: Article;
  /** Opens one of its translations. */
  onLanguage: (ref: string) => void;
  /** The title's heading level: 2 on a page, 3 in a dialog. */
  order?: 2 | 3;
}) {
  const { t, i18n } = useTranslation();
  const a = props.article;
  // whether an article is due for review is its keepers' business, not its readers'
  const me = useMe().data;
  const staff = !!me && isInternal(me);
  const languages = [
    { value: a.number, label: t(`language.${a.language}`) },
    ...a.translations.map((tr) => ({ value: tr.number, label: t(`language.${tr.language}`) })),
  ].sort((x, y) => x.label.localeCompare(y.label, i18n.language));
  return (
    <Stack gap="sm" data-testid="article-reader">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {a.number} · {t(`knowledge.type.${a.type}`)}
            {a.publishedAt
              ? ` · ${t('knowledge.publishedOn', { day: formatInstant(a.publishedAt, 'date', i18n.language) })}`
              : ''}
          </Text>
          <Title order={props.order ?? 2} data-testid="article-title" lang={a.language}>
            {a.title}
          </Title>
        </Stack>
        {languages.length > 1 && (
          <SegmentedControl
            size="xs"
            aria-label={t('knowledge.translations')}
            data={languages}
            value={a.number}
            onChange={props.onLanguage}
            data-testid="article-languages"
          />
        )}
      </Group>
      {staff && a.stale && (
        <Group gap="xs">
          <Badge color="orange" variant="light">
            {t('knowledge.stale')}
          </Badge>
        </Group>
      )}
      {a.summary && (
        <Text fw={500} lang={a.language} data-testid="article-summary">
          {a.summary}
        </Text>
      )}
      {a.body ? (
        <Paper withBorder p="md" lang={a.language} data-testid="article-body">
          <SafeHtml html={a.body} />
        </Paper>
      ) : (
        <Text c="dimmed">{t('knowledge.notPublishedYet')}</Text>
      )}
      {a.attachments.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            {t('knowledge.attachments')}
          </Text>
          <List size="sm" data-testid="article-attachments">
            {a.attachments.map((f) => (
              <List.Item key={f.id}>
                <Anchor href={attachmentUrl(a.id, f.id)} download={f.fileName}>
                  {f.fileName}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed">
                  ({fileSize(f.size, i18n.language)})
                </Text>
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}
