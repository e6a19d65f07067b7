import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { articlePaths, useArticles } from './data.ts';
import { typeColour } from './format.ts';

const SHOWN = 5;

/**
 * The articles a search finds, shown with the work items it finds: each labelled as an article, the best
 * few, and the way to all of them in the knowledge base. Readers see only the articles meant for them.
 */
export function ArticleHits({ q }: { q: string }) {
  const { t } = useTranslation();
  // answers, not work in progress: staff find drafts in the knowledge base itself
  const hits = useArticles({ q, state: 'published' }, 0, SHOWN);
  const items = hits.data?.items ?? [];
  const total = hits.data?.total ?? 0;
  if (!q.trim() || items.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="article-hits" aria-label={t('knowledge.hits.title')} component="section">
      <Group justify="space-between">
        <Text fw={600}>{t('knowledge.hits.title')}</Text>
        {total > SHOWN && (
          <Anchor component={Link} to={`${articlePaths.list}?q=${encodeURIComponent(q)}`} size="sm">
            {t('knowledge.hits.all', { count: total })}
          </Anchor>
        )}
      </Group>
      {items.map((a) => (
        <Paper key={a.id} withBorder p="sm" bg="indigo.0" data-testid={`article-hit-${a.number}`}>
          <Group gap="xs">
            <Badge size="sm" color="indigo" variant="filled">
              {t('knowledge.hits.article')}
            </Badge>
            <Anchor component={Link} to={articlePaths.read(a.number)} fw={600} lang={a.language}>
              {a.title}
            </Anchor>
            <Badge size="sm" variant="light" color={typeColour[a.type]}>
              {t(`knowledge.type.${a.type}`)}
            </Badge>
            <Text size="xs" c="dimmed">
              {a.number} · {t(`language.${a.language}`)}
            </Text>
          </Group>
          {a.summary && (
            <Text size="sm" c="dimmed" mt={4} lineClamp={2} lang={a.language}>
              {a.summary}
            </Text>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
