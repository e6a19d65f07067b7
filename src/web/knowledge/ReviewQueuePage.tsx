import { Anchor, Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInstant } from '../app/dates.ts';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { type ArticleRow, articlePaths, useReviewQueue } from './data.ts';
import { typeColour } from './format.ts';

/**
 * The knowledge manager's queue: versions submitted for review. Each opens on the article's page, where
 * the version is read, approved (published) or returned with a note.
 */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const queue = useReviewQueue();
  return (
    <RegisterPage<ArticleRow>
      title={t('knowledge.reviewQueue')}
      intro={t('knowledge.reviewIntro')}
      actions={
        <Anchor component={Link} to={articlePaths.list} size="sm">
          {t('knowledge.allArticles')}
        </Anchor>
      }
      error={queue.error}
      table={{
        rows: queue.data?.items,
        rowKey: (r) => r.id,
        empty: t('knowledge.reviewNone'),
        emptyProps: { c: 'dimmed', 'data-testid': 'review-empty' },
        tableProps: { striped: true, 'data-testid': 'review-queue' },
        rowProps: (r) => ({ 'data-testid': `review-${r.number}` }),
        columns: [
          {
            key: 'number',
            header: t('knowledge.number'),
            cell: (r) => r.number,
          },
          {
            key: 'title',
            header: t('knowledge.field.title'),
            cell: (r) => (
              <Anchor component={Link} to={articlePaths.read(r.number)} lang={r.language}>
                {r.title}
              </Anchor>
            ),
          },
          {
            key: 'type',
            header: t('knowledge.field.type'),
            cell: (r) => (
              <Badge size="sm" variant="light" color={typeColour[r.type]}>
                {t(`knowledge.type.${r.type}`)}
              </Badge>
            ),
          },
          {
            key: 'kind',
            header: t('knowledge.reviewOf'),
            cell: (r) =>
              r.state === 'published' ? t('knowledge.newVersionOf') : t('knowledge.firstVersion'),
          },
          {
            key: 'updated',
            header: t('knowledge.updated'),
            cell: (r) => formatInstant(r.updatedAt, 'medium'),
          },
        ],
      }}
    />
  );
}
