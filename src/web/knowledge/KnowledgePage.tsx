import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Pagination,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { isInternal } from '../../kernel/access/roles.ts';
import {
  articleAudiences,
  articleLanguages,
  articleStates,
  articleTypes,
} from '../../modules/knowledge/lifecycle.ts';
import { mayReviewArticles, mayWriteArticles } from '../../modules/knowledge/policy.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay, formatInstant } from '../app/dates.ts';
import { RegisterPage } from '../app/RegisterPage.tsx';
import { useMe } from '../auth/session.ts';
import { useDeskOptions } from '../servicedesk/options.ts';
import { type ArticleFilter, type ArticleRow, articlePaths, useArticles } from './data.ts';
import { stateColour, typeColour } from './format.ts';

const PAGE = 25;
const filterKeys = ['q', 'type', 'audience', 'state', 'serviceId', 'tag', 'language'] as const;

/**
 * The knowledge base: search and filter the articles the reader may read. Staff see drafts and retired
 * articles too, with their state, audience and freshness; customers and suppliers the published articles
 * meant for them. The filters live in the address, so a search can be shared and gone back to.
 */
export function KnowledgePage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data!;
  const staff = isInternal(me);
  const [params, setParams] = useSearchParams();
  const filter: ArticleFilter = Object.fromEntries(filterKeys.map((k) => [k, params.get(k)]));
  filter.stale = params.get('stale') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useArticles(filter, (page - 1) * PAGE, PAGE);
  const [draft, setDraft] = useState(filter.q ?? '');
  const opts = useDeskOptions();
  const change = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setParams(next);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    change('q', draft.trim() || null);
  };
  const filtered = filterKeys.some((k) => k !== 'q' && params.get(k)) || filter.stale;
  const total = list.data?.total ?? 0;
  const pages = Math.ceil(total / PAGE);
  const reviewer = mayReviewArticles(me);
  const writer = mayWriteArticles(me);
  return (
    <RegisterPage<ArticleRow>
      title={t('knowledge.title')}
      intro={t(staff ? 'knowledge.intro' : 'knowledge.introReaders')}
      actions={
        reviewer && (
          <Button component={Link} to={articlePaths.review} variant="light" data-testid="review-queue-link">
            {t('knowledge.reviewQueue')}
          </Button>
        )
      }
      create={{
        label: t('knowledge.new'),
        testId: 'new-article',
        allowed: writer,
        // the editor is a page of its own, not a dialog
        form: () => <Navigate to={articlePaths.new} />,
      }}
      filters={
        <Stack gap="xs">
          <form onSubmit={search}>
            <Group gap="xs" align="flex-end">
              <TextInput
                style={{ flex: 1 }}
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
                placeholder={t('knowledge.searchPlaceholder')}
                aria-label={t('knowledge.search')}
                data-testid="knowledge-search"
              />
              <Button type="submit" data-testid="knowledge-search-submit">
                {t('knowledge.search')}
              </Button>
            </Group>
          </form>
          <Group gap="xs" align="flex-end">
            <Select
              size="xs"
              w={170}
              label={t('knowledge.field.type')}
              placeholder={t('knowledge.any')}
              data={articleTypes.map((v) => ({ value: v, label: t(`knowledge.type.${v}`) }))}
              value={filter.type ?? null}
              onChange={(v) => change('type', v)}
              clearable
              data-testid="filter-type"
            />
            {staff && (
              <Select
                size="xs"
                w={150}
                label={t('knowledge.field.audience')}
                placeholder={t('knowledge.any')}
                data={articleAudiences.map((v) => ({ value: v, label: t(`knowledge.audience.${v}`) }))}
                value={filter.audience ?? null}
                onChange={(v) => change('audience', v)}
                clearable
                data-testid="filter-audience"
              />
            )}
            {staff && (
              <Select
                size="xs"
                w={140}
                label={t('knowledge.field.state')}
                placeholder={t('knowledge.any')}
                data={articleStates.map((v) => ({ value: v, label: t(`knowledge.state.${v}`) }))}
                value={filter.state ?? null}
                onChange={(v) => change('state', v)}
                clearable
                data-testid="filter-state"
              />
            )}
            {staff && (
              <Select
                size="xs"
                w={200}
                label={t('knowledge.field.service')}
                placeholder={t('knowledge.any')}
                data={opts.serviceOptions}
                value={filter.serviceId ?? null}
                onChange={(v) => change('serviceId', v)}
                clearable
                searchable
                data-testid="filter-service"
              />
            )}
            <TextInput
              size="xs"
              w={140}
              label={t('knowledge.field.tag')}
              defaultValue={filter.tag ?? ''}
              key={filter.tag ?? ''}
              onBlur={(e) => change('tag', e.currentTarget.value.trim() || null)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') change('tag', e.currentTarget.value.trim() || null);
              }}
              data-testid="filter-tag"
            />
            <Select
              size="xs"
              w={130}
              label={t('knowledge.field.language')}
              placeholder={t('knowledge.any')}
              data={articleLanguages.map((v) => ({ value: v, label: t(`language.${v}`) }))}
              value={filter.language ?? null}
              onChange={(v) => change('language', v)}
              clearable
              data-testid="filter-language"
            />
            {staff && (
              <Checkbox
                mb={6}
                label={t('knowledge.staleOnly')}
                checked={!!filter.stale}
                onChange={(e) => change('stale', e.currentTarget.checked ? 'true' : null)}
                data-testid="filter-stale"
              />
            )}
            {filtered && (
              <Button size="xs" variant="subtle" onClick={() => setParams(filter.q ? { q: filter.q } : {})}>
                {t('knowledge.clearFilters')}
              </Button>
            )}
          </Group>
          {list.data && total > 0 && (
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="knowledge-total">
              {t('knowledge.found', { count: total })}
            </Text>
          )}
        </Stack>
      }
      error={list.error}
      table={{
        rows: list.data?.items,
        rowKey: (r) => r.id,
        empty: filter.q
          ? t('knowledge.noneFor', { q: filter.q })
          : filtered
            ? t('knowledge.noneFiltered')
            : // only those who may write are told to write the first one (not auditors, top management)
              t(writer ? 'knowledge.none' : staff ? 'knowledge.noneYet' : 'knowledge.noneReaders'),
        emptyProps: { c: 'dimmed', 'data-testid': 'knowledge-empty' },
        tableProps: { striped: true, highlightOnHover: true, 'data-testid': 'articles' },
        rowProps: (r) => ({ 'data-testid': `article-${r.number}` }),
        columns: [
          {
            key: 'title',
            header: t('knowledge.field.title'),
            cell: (r) => (
              <Stack gap={2}>
                <Group gap={6}>
                  <Anchor component={Link} to={articlePaths.read(r.number)} fw={500} lang={r.language}>
                    {r.title}
                  </Anchor>
                  {staff && r.stale && (
                    <Badge size="xs" color="orange" variant="light">
                      {t('knowledge.stale')}
                    </Badge>
                  )}
                </Group>
                {r.summary && (
                  <Text size="xs" c="dimmed" lineClamp={2} lang={r.language}>
                    {r.summary}
                  </Text>
                )}
              </Stack>
            ),
          },
          {
            key: 'type',
            header: t('knowledge.field.type'),
            td: { style: { whiteSpace: 'nowrap' } },
            cell: (r) => (
              <Badge size="sm" variant="light" color={typeColour[r.type]} tt="none" styles={wholeBadge}>
                {t(`knowledge.type.${r.type}`)}
              </Badge>
            ),
          },
          {
            key: 'language',
            header: t('knowledge.field.language'),
            cell: (r) => t(`language.${r.language}`),
          },
          ...(staff
            ? [
                {
                  key: 'audience',
                  header: t('knowledge.field.audience'),
                  cell: (r: ArticleRow) => t(`knowledge.audience.${r.audience}`),
                },
                {
                  key: 'state',
                  header: t('knowledge.field.state'),
                  td: { style: { whiteSpace: 'nowrap' } },
                  cell: (r: ArticleRow) => (
                    <Stack gap={4} align="flex-start">
                      <Badge size="sm" color={stateColour[r.state]} tt="none" styles={wholeBadge}>
                        {t(`knowledge.state.${r.state}`)}
                      </Badge>
                      {r.openVersion && !(r.state === 'draft' && r.openVersion === 'draft') && (
                        <Badge
                          size="sm"
                          variant="outline"
                          color={stateColour[r.openVersion]}
                          tt="none"
                          styles={wholeBadge}
                        >
                          {t(`knowledge.versionState.${r.openVersion}`)}
                        </Badge>
                      )}
                    </Stack>
                  ),
                },
                {
                  key: 'readers',
                  header: t('knowledge.readers'),
                  cell: (r: ArticleRow) => (
                    <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                      {t('knowledge.readShort', { ...r, count: r.views })}
                    </Text>
                  ),
                },
              ]
            : []),
          {
            key: 'updated',
            header: staff ? t('knowledge.field.reviewBy') : t('knowledge.updated'),
            cell: (r) =>
              staff
                ? r.reviewBy
                  ? formatDay(r.reviewBy, i18n.language)
                  : '—'
                : formatInstant(r.publishedAt ?? r.updatedAt, 'date', i18n.language),
          },
        ],
      }}
      footer={
        pages > 1 && (
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next);
            }}
            getControlProps={(control) => ({ 'aria-label': t(`knowledge.page.${control}`) })}
            data-testid="knowledge-pages"
          />
        )
      }
    />
  );
}
