import { Anchor, Badge, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SEARCH_DEPTH } from '../../modules/servicedesk/policy.ts';
import { stateName } from '../i18n/state-name.ts';
import { ArticleHits } from '../knowledge/ArticleHits.tsx';
import { useSearch } from './data.ts';

const START = String.fromCharCode(1);
const END = String.fromCharCode(2);

/** Splits a fragment from the search API, where U+0001 … U+0002 mark a match, into plain and marked runs. */
export function markedRuns(text: string): Array<{ at: number; text: string; marked: boolean }> {
  const runs: Array<{ at: number; text: string; marked: boolean }> = [];
  let at = 0;
  while (at < text.length) {
    const start = text.indexOf(START, at);
    if (start === -1) {
      runs.push({ at, text: text.slice(at), marked: false });
      break;
    }
    if (start > at) runs.push({ at, text: text.slice(at, start), marked: false });
    const end = text.indexOf(END, start + 1);
    const stop = end === -1 ? text.length : end;
    runs.push({ at: start, text: text.slice(start + 1, stop), marked: true });
    at = stop + 1;
  }
  return runs;
}

/** A highlighted fragment, rendered as text, never as HTML. */
export function Marked({ text }: { text: string }) {
  return (
    <>
      {markedRuns(text).map((r) =>
        r.marked ? <mark key={r.at}>{r.text}</mark> : <Fragment key={r.at}>{r.text}</Fragment>,
      )}
    </>
  );
}

const PAGE = 20;

/** Full-text search over the work items the reader may see, ranked, with highlighted fragments. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  // a page past where results end (a hand-made link) shows the last one
  const page = Math.min(Math.max(Math.floor(Number(params.get('page')) || 0), 0), SEARCH_DEPTH / PAGE - 1);
  const [draft, setDraft] = useState(q);
  const [shownFor, setShownFor] = useState(q);
  if (q !== shownFor) {
    setShownFor(q);
    setDraft(q);
  }
  const hits = useSearch(q, page * PAGE, PAGE);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim()) setParams({ q: draft.trim() });
  };
  const items = hits.data?.items ?? [];
  const more = items.length === PAGE && (page + 1) * PAGE < SEARCH_DEPTH;
  return (
    <Stack maw={1000}>
      <Title order={2}>{t('search.title')}</Title>
      <form onSubmit={submit}>
        <TextInput
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          placeholder={t('search.placeholder')}
          aria-label={t('search.title')}
          data-testid="search-page-input"
        />
      </form>
      {!q && <Text c="dimmed">{t('search.hint')}</Text>}
      {hits.isError && <Text c="red">{(hits.error as Error).message}</Text>}
      {q && hits.isSuccess && items.length === 0 && page === 0 && (
        <Text c="dimmed">{t('search.none', { q })}</Text>
      )}
      {q && hits.isSuccess && items.length === 0 && page > 0 && (
        <Text c="dimmed">
          {t('search.pastEnd', { q })}{' '}
          <Anchor component={Link} to={`/search?q=${encodeURIComponent(q)}`}>
            {t('search.firstPage')}
          </Anchor>
        </Text>
      )}
      {q && page === 0 && <ArticleHits q={q} />}
      <Stack gap="xs" data-testid="search-results">
        {items.length > 0 && <Text fw={600}>{t('search.workItems')}</Text>}
        {items.map((h) => (
          <Paper key={h.number} withBorder p="sm">
            <Group gap="xs">
              <Anchor component={Link} to={`/work-items/${h.number}`} fw={600}>
                {h.number}
              </Anchor>
              <Text fw={500}>
                <Marked text={h.titleHighlight} />
              </Text>
              <Badge variant="outline" size="sm">
                {stateName(t, h.state)}
              </Badge>
              {h.priority && <Badge size="sm">P{h.priority}</Badge>}
              {h.matchedIn === 'comment' && (
                <Badge size="sm" variant="light" color="gray">
                  {t('search.inComment')}
                </Badge>
              )}
            </Group>
            {h.snippet && (
              <Text size="sm" c="dimmed" mt={4}>
                <Marked text={h.snippet} />
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
      {((page > 0 && items.length > 0) || more) && (
        <Group>
          {page > 0 && (
            <Anchor component={Link} to={`/search?q=${encodeURIComponent(q)}&page=${page - 1}`}>
              {t('common.previous')}
            </Anchor>
          )}
          {more && (
            <Anchor component={Link} to={`/search?q=${encodeURIComponent(q)}&page=${page + 1}`}>
              {t('common.next')}
            </Anchor>
          )}
        </Group>
      )}
      {items.length === PAGE && !more && (
        <Text size="sm" c="dimmed">
          {t('search.depth', { depth: SEARCH_DEPTH })}
        </Text>
      )}
    </Stack>
  );
}
