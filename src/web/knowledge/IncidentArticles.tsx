import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { suggestionTextMax } from '../../modules/knowledge/lifecycle.ts';
import { mayLinkArticles, mayWriteArticles } from '../../modules/knowledge/policy.ts';
import { htmlToPlain } from '../app/SafeHtml.tsx';
import { suggestionText } from '../app/suggestionText.ts';
import { useMe } from '../auth/session.ts';
import type { InsertIntoComment } from '../records/CommentBox.tsx';
import type { WorkItemView } from '../records/data.ts';
import {
  type ArticleSuggestion,
  articlePaths,
  useArticles,
  useDraftFromIncident,
  useItemArticles,
  useLinkArticle,
  useSuggestions,
  useUnlinkArticle,
} from './data.ts';

type Item = Pick<WorkItemView, 'number' | 'title' | 'description' | 'serviceId' | 'state'>;

/** What the incident says, as the text articles are suggested for. */
const textOf = (item: Item) => suggestionText([item.title, htmlToPlain(item.description)], suggestionTextMax);

/**
 * Knowledge on a work item (an incident, a problem), for the provider's staff: the articles linked to it
 * (and whether they were sent to the requester), articles suggested by its text and service, linking any
 * article, and — on a resolved incident — proposing a new article from the resolution.
 */
export function ArticlesPanel({
  item,
  proposeFromResolution = true,
}: {
  item: Item;
  /** Offer "propose an article from this resolution" once resolved (an incident's resolution). */
  proposeFromResolution?: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data!;
  const linker = mayLinkArticles(me);
  const linked = useItemArticles(item.number);
  const suggested = useSuggestions(textOf(item), item.serviceId);
  const link = useLinkArticle(item.number);
  const unlink = useUnlinkArticle(item.number);
  const propose = useDraftFromIncident(item.number, {
    onSaved: (draft) => navigate(articlePaths.edit(draft.number)),
  });
  const links = linked.data?.items ?? [];
  const linkedIds = new Set(links.map((l) => l.articleId));
  const suggestions = (suggested.data?.items ?? []).filter((s) => !linkedIds.has(s.id));
  const resolved = item.state === 'resolved' || item.state === 'closed';
  return (
    <Paper withBorder p="md" data-testid="articles-panel">
      <Stack gap="sm">
        <Title order={5}>{t('knowledge.panel.title')}</Title>
        {links.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('knowledge.panel.noneLinked')}
          </Text>
        )}
        {links.map((l) => (
          <Group
            key={l.articleId}
            justify="space-between"
            gap="xs"
            wrap="nowrap"
            data-testid={`linked-${l.number}`}
          >
            <div style={{ minWidth: 0 }}>
              <Anchor component={Link} to={articlePaths.read(l.number)} size="sm" lang={l.language}>
                {l.title}
              </Anchor>
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  {l.number}
                </Text>
                {l.sent && (
                  <Badge size="xs" color="teal" variant="light">
                    {t('knowledge.panel.sent')}
                  </Badge>
                )}
              </Group>
            </div>
            {linker && (
              <ActionIcon
                style={{ flexShrink: 0 }}
                variant="subtle"
                color="gray"
                size="sm"
                onClick={() => unlink.save(l.articleId)}
                aria-label={t('knowledge.panel.unlink', { title: l.title })}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {suggestions.length > 0 && (
          <div data-testid="article-suggestions">
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
              {t('knowledge.panel.suggested')}
            </Text>
            <Stack gap={6}>
              {suggestions.map((s) => (
                <Group key={s.id} justify="space-between" gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={articlePaths.read(s.number)} size="sm" lang={s.language}>
                    {s.title}
                  </Anchor>
                  {linker && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      style={{ flexShrink: 0 }}
                      onClick={() => link.save({ article: s.id, sent: false })}
                      aria-label={t('knowledge.panel.linkThis', { title: s.title })}
                      data-testid={`link-${s.number}`}
                    >
                      {t('knowledge.panel.link')}
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
          </div>
        )}
        {linker && <LinkAny onPick={(id) => link.save({ article: id, sent: false })} />}
        {proposeFromResolution && resolved && mayWriteArticles(me) && (
          <Button
            variant="light"
            size="xs"
            onClick={() => propose.save()}
            loading={propose.saving}
            data-testid="propose-article"
          >
            {t('knowledge.panel.propose')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

/** Any article, found by searching its words. */
function LinkAny({ onPick, label }: { onPick: (id: string) => void; label?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const found = useArticles({ q, state: 'published' }, 0, 10);
  return (
    <Select
      size="xs"
      label={label ?? t('knowledge.panel.linkAny')}
      placeholder={t('knowledge.searchPlaceholder')}
      searchable
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      data={(q ? (found.data?.items ?? []) : []).map((r) => ({
        value: r.id,
        label: `${r.title} (${r.number})`,
      }))}
      value={null}
      onChange={(v) => {
        if (v) {
          onPick(v);
          setSearch('');
        }
      }}
      nothingFoundMessage={q ? t('knowledge.nothingFound') : undefined}
      data-testid="link-any-article"
    />
  );
}

/** The text an article is sent as in a reply: its title, its summary, and where to read it. */
export const articleReply = (a: { number: string; title: string; summary: string }, origin: string) =>
  [a.title, a.summary, `${origin}${articlePaths.read(a.number)}`].filter(Boolean).join('\n');

/**
 * The comment box's "insert an article": the articles linked and suggested that may go to the requester (the
 * server says which: `requesterMayRead` on a link, suggestions asked `forItem`), put into the reply as title,
 * summary and link; once a public reply holding it is posted, the article is linked and marked sent. An
 * agent-only, another organisation's or unpublished article is never offered, so its title and link never
 * reach a customer in a reply the server would then refuse to mark sent.
 */
export function InsertArticle({ item, insert }: { item: Item; insert: InsertIntoComment }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const linked = useItemArticles(item.number);
  const suggested = useSuggestions(textOf(item), item.serviceId, item.number);
  const link = useLinkArticle(item.number);
  if (!mayLinkArticles(me)) return null;
  const choices = new Map<string, Pick<ArticleSuggestion, 'id' | 'number' | 'title' | 'summary'>>();
  const links = linked.data?.items ?? [];
  for (const l of links)
    if (l.requesterMayRead)
      choices.set(l.articleId, { id: l.articleId, number: l.number, title: l.title, summary: '' });
  for (const s of suggested.data?.items ?? []) if (!choices.has(s.id)) choices.set(s.id, s);
  const pick = (a: Pick<ArticleSuggestion, 'id' | 'number' | 'title' | 'summary'>) => {
    const url = `${window.location.origin}${articlePaths.read(a.number)}`;
    insert(articleReply(a, window.location.origin), {
      marker: url,
      run: (internal) => void link.save({ article: a.id, sent: !internal }),
    });
  };
  return (
    <Menu position="top-end" withinPortal>
      <Menu.Target>
        <Button variant="default" data-testid="insert-article">
          {t('knowledge.panel.insert')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown maw={420}>
        <Menu.Label>{t('knowledge.panel.insertLabel')}</Menu.Label>
        {choices.size === 0 && <Menu.Item disabled>{t('knowledge.panel.insertNone')}</Menu.Item>}
        {[...choices.values()].map((a) => (
          <Menu.Item key={a.id} onClick={() => pick(a)} data-testid={`insert-${a.number}`}>
            {a.title}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Text size="xs" c="dimmed" px="sm" py={4} data-testid="insert-readable-only">
          {t('knowledge.panel.insertReadableOnly')}
        </Text>
      </Menu.Dropdown>
    </Menu>
  );
}
