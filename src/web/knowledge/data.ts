import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ArticleAttachment,
  ArticleInput,
  ArticleLinkRow,
  ArticleList,
  ArticlePatch,
  ArticleRow,
  ArticleSuggestion,
  ArticleVersion,
  ArticleView,
  DeflectionInput,
} from '../../modules/knowledge/index.ts';
import { api, get, query, send } from '../api.ts';
import { areaKeys } from '../app/keys.ts';
import { type SaveHooks, useSaveMutation } from '../app/useSave.ts';
import { workItemKeys } from '../records/data.ts';

/**
 * Knowledge: the articles a reader may read (staff every one, drafts too; customers and suppliers the
 * published ones for their audience), one article with its versions, writing and reviewing them, the
 * "was this helpful?" answers and views, the portal's suggestions and deflections, and the articles linked
 * to a work item. Types are the knowledge module's answers (modules/knowledge/index.ts).
 */
export type { ArticleAttachment, ArticleLinkRow, ArticleRow, ArticleSuggestion, ArticleVersion };
export type Article = ArticleView;
export type ArticleFilter = {
  q?: string;
  type?: string | null;
  audience?: string | null;
  state?: string | null;
  serviceId?: string | null;
  tag?: string | null;
  language?: string | null;
  stale?: boolean;
};

const key = areaKeys('knowledge');
export const knowledgeKeys = {
  all: key(),
  lists: () => key('list'),
  list: (params: string) => key('list', params),
  one: (id: string) => key('one', id),
  versions: (id: string) => key('one', id, 'versions'),
  suggestions: (text: string, service: string | null, forItem: string | null = null) =>
    key('suggestions', text, service, forItem),
  links: (number: string) => [...workItemKeys.item(number), 'articles'] as const,
};

/** Where an article is read and written: the pages hold no URLs of their own. */
export const articlePaths = {
  list: '/knowledge',
  review: '/knowledge/review',
  new: '/knowledge/new',
  read: (ref: string) => `/knowledge/${ref}`,
  edit: (ref: string) => `/knowledge/${ref}/edit`,
};

const base = '/api/v1/articles';
export const attachmentUrl = (article: string, attachment: string) =>
  `${base}/${article}/attachments/${attachment}`;

/** A page of the articles the reader may read, ranked by the query when there is one. */
export function useArticles(filter: ArticleFilter, offset: number, limit = 25) {
  const params = query({
    q: filter.q?.trim(),
    type: filter.type,
    audience: filter.audience,
    state: filter.state,
    serviceId: filter.serviceId,
    tag: filter.tag,
    language: filter.language,
    stale: filter.stale || undefined,
    limit,
    offset,
  });
  return useQuery({
    queryKey: knowledgeKeys.list(params),
    queryFn: () => get<ArticleList>(`${base}?${params}`),
    placeholderData: keepPreviousData,
  });
}

export const useArticle = (ref: string) =>
  useQuery({
    queryKey: knowledgeKeys.one(ref),
    queryFn: () => get<Article>(`${base}/${ref}`),
    enabled: !!ref,
  });

export const useArticleVersions = (ref: string, enabled = true) =>
  useQuery({
    queryKey: knowledgeKeys.versions(ref),
    queryFn: () => get<{ items: ArticleVersion[] }>(`${base}/${ref}/versions`),
    enabled,
  });

/**
 * Up to five published articles for what someone is typing, the service they named counting for more;
 * `forItem` (a work item's number): only those its requester may read, to send them in a reply.
 */
export const useSuggestions = (text: string, service: string | null, forItem: string | null = null) =>
  useQuery({
    queryKey: knowledgeKeys.suggestions(text, service, forItem),
    queryFn: () =>
      get<{ items: ArticleSuggestion[] }>(`${base}/suggestions?${query({ text, service, forItem })}`),
    enabled: text.trim().length >= 3,
    placeholderData: keepPreviousData,
  });

/** Writes a new article (its first version is a draft); the article comes back. */
export const useCreateArticle = (hooks?: SaveHooks<ArticleInput, Article>) =>
  useSaveMutation({
    send: (body: ArticleInput) => send<Article>('POST', base, body),
    refresh: [knowledgeKeys.lists()],
    ...hooks,
  });

/** Changes an article's fields and its draft's text at the version read (a published one gets a new draft). */
export const useUpdateArticle = (
  ref: string,
  hooks?: SaveHooks<{ patch: ArticlePatch; version: number }, Article>,
) =>
  useSaveMutation({
    send: ({ patch, version }: { patch: ArticlePatch; version: number }) =>
      send<Article>('PATCH', `${base}/${ref}`, patch, version),
    refresh: [knowledgeKeys.one(ref), knowledgeKeys.lists()],
    ...hooks,
  });

export type VersionStepRequest = {
  /** The article's id or number. */
  ref: string;
  number: number;
  action: 'submit' | 'approve' | 'return';
  note?: string;
  /** The article's version as read: the step is refused (412) if the article changed since. */
  version: number;
};

/** Submits a version for review, approves (publishes) it, or returns it with a note. */
export const useVersionStep = (hooks?: SaveHooks<VersionStepRequest, unknown>) =>
  useSaveMutation({
    send: ({ ref, number, action, note, version }: VersionStepRequest) =>
      send(
        'POST',
        `${base}/${ref}/versions/${number}/transitions`,
        { action, note: note || undefined },
        version,
      ),
    refresh: [knowledgeKeys.all],
    ...hooks,
  });

export const useRetireArticle = (ref: string, hooks?: SaveHooks<{ reason: string }, unknown>) =>
  useSaveMutation({
    send: ({ reason }: { reason: string }) =>
      send('POST', `${base}/${ref}/retire`, { reason: reason || undefined }),
    refresh: [knowledgeKeys.all],
    ...hooks,
  });

/** "Was this helpful?": one answer per person, changed by answering again. */
export const useFeedback = (
  ref: string,
  hooks?: SaveHooks<{ helpful: boolean; comment?: string }, unknown>,
) =>
  useSaveMutation({
    noForm: true,
    send: (body: { helpful: boolean; comment?: string }) => send('POST', `${base}/${ref}/feedback`, body),
    refresh: [knowledgeKeys.one(ref)],
    ...hooks,
  });

/** Counts a reading of the article (the page calls it once per visit). */
export const countView = (ref: string) => send<{ views: number }>('POST', `${base}/${ref}/views`);

/** What a portal user did after articles were suggested: gave up reporting, or reported anyway. */
export const recordDeflection = (body: DeflectionInput) => send('POST', `${base}/deflections`, body);

export const useAttachToArticle = (ref: string) =>
  useSaveMutation({
    noForm: true,
    send: async (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return (await api(`${base}/${ref}/attachments`, { method: 'POST', form })).data;
    },
    refresh: [knowledgeKeys.one(ref)],
  });

/**
 * Removes one of the article's files (the API answers each file's `mayRemove`: its writers one readers do not
 * see yet, an approver one of the published version).
 */
export const useRemoveArticleFile = (ref: string, hooks?: SaveHooks<string, unknown>) =>
  useSaveMutation({
    noForm: true,
    send: (attachmentId: string) => send('DELETE', attachmentUrl(ref, attachmentId)),
    refresh: [knowledgeKeys.one(ref)],
    ...hooks,
  });

/* ---------- articles on a work item ---------- */

export const useItemArticles = (number: string) =>
  useQuery({
    queryKey: knowledgeKeys.links(number),
    queryFn: () => get<{ items: ArticleLinkRow[] }>(`/api/v1/work-items/${number}/articles`),
  });

/** Links an article to a work item; `sent` when it went to the requester in a reply. */
export const useLinkArticle = (
  number: string,
  hooks?: SaveHooks<{ article: string; sent: boolean }, unknown>,
) =>
  useSaveMutation({
    noForm: true,
    send: (body: { article: string; sent: boolean }) =>
      send('POST', `/api/v1/work-items/${number}/articles`, body),
    refresh: [knowledgeKeys.links(number)],
    ...hooks,
  });

export const useUnlinkArticle = (number: string) =>
  useSaveMutation({
    noForm: true,
    send: (article: string) => send('DELETE', `/api/v1/work-items/${number}/articles/${article}`),
    refresh: [knowledgeKeys.links(number)],
  });

/** An article drafted from an incident's resolution, left as a draft for its writer to finish. */
export const useDraftFromIncident = (number: string, hooks?: SaveHooks<void, Article>) =>
  useSaveMutation({
    noForm: true,
    send: () => send<Article>('POST', `/api/v1/incidents/${number}/article-draft`, { submit: false }),
    refresh: [knowledgeKeys.lists(), knowledgeKeys.links(number)],
    ...hooks,
  });

/** The versions waiting for a knowledge manager: articles whose open version is in review, oldest first. */
export function useReviewQueue() {
  const params = query({ review: true, limit: 100, offset: 0 });
  return useQuery({
    queryKey: knowledgeKeys.list(params),
    queryFn: () => get<ArticleList>(`${base}?${params}`),
  });
}
