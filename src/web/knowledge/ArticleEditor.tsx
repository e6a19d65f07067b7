import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  Select,
  Spoiler,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ArticleAudience, ArticleLanguage, ArticleType } from '../../modules/knowledge/index.ts';
import { articleAudiences, articleLanguages, articleTypes } from '../../modules/knowledge/lifecycle.ts';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { useMe } from '../auth/session.ts';
import { PersonPicker } from '../records/PersonPicker.tsx';
import { useDeskOptions } from '../servicedesk/options.ts';
import { Attachments } from './ArticleFiles.tsx';
import {
  type Article,
  articlePaths,
  useArticle,
  useCreateArticle,
  useUpdateArticle,
  useVersionStep,
} from './data.ts';
import { TranslationPicker } from './TranslationPicker.tsx';
import { htmlToText, textToHtml } from './text.ts';

type Form = {
  title: string;
  summary: string;
  body: string;
  changeNote: string;
  type: ArticleType;
  audience: ArticleAudience;
  language: ArticleLanguage;
  customerIds: string[];
  translationOf: string | null;
  ownerId: string | null;
  tags: string[];
  serviceIds: string[];
  reviewBy: string;
  expiresOn: string;
};

/** The form's values for an article: its draft's text when one is on its way, else the published text. */
function formOf(a: Article): Form {
  const text = a.draft ?? { title: a.title, summary: a.summary, body: a.body, changeNote: '' };
  return {
    title: text.title,
    summary: text.summary,
    body: htmlToText(text.body),
    changeNote: a.draft?.changeNote ?? '',
    type: a.type,
    audience: a.audience,
    language: a.language,
    customerIds: a.customers.map((c) => c.id),
    translationOf: a.translationOf?.id ?? null,
    ownerId: a.owner?.id ?? null,
    tags: a.tags,
    serviceIds: a.services.map((s) => s.id),
    reviewBy: a.reviewBy ?? '',
    expiresOn: a.expiresOn ?? '',
  };
}

/** `/knowledge/new` (optionally `?translationOf=KB-…`) and `/knowledge/:id/edit`. */
export function ArticleEditorPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const editing = useArticle(id ?? '');
  const original = useArticle(id ? '' : (params.get('translationOf') ?? ''));
  const me = useMe().data!;
  if (id) {
    if (editing.isError) return <Alert color="red">{(editing.error as Error).message}</Alert>;
    if (!editing.data) return <Text c="dimmed">{t('common.loading')}</Text>;
    return <ArticleEditor key={editing.data.version} article={editing.data} />;
  }
  if (params.get('translationOf') && !original.data && !original.isError)
    return <Text c="dimmed">{t('common.loading')}</Text>;
  const o = original.data;
  const taken = o ? [o.language, ...o.translations.map((tr) => tr.language)] : [];
  const start: Form = {
    title: '',
    summary: '',
    body: '',
    changeNote: '',
    type: o?.type ?? 'how_to',
    audience: o?.audience ?? 'agents',
    language: (articleLanguages.find((l) => !taken.includes(l)) ?? me.language) as ArticleLanguage,
    customerIds: o?.customers.map((c) => c.id) ?? [],
    translationOf: o ? (o.translationOf?.id ?? o.id) : null,
    ownerId: o?.owner?.id ?? me.id,
    tags: o?.tags ?? [],
    serviceIds: o?.services.map((s) => s.id) ?? [],
    reviewBy: o?.reviewBy ?? '',
    expiresOn: '',
  };
  return <ArticleEditor start={start} translating={o} />;
}

/**
 * Writing an article: its text (headings and lists kept, see text.ts), what it is and who reads it, its
 * services, tags and dates, and its files. Saving a published article drafts a new version; readers keep
 * the published one until a knowledge manager approves the new one.
 */
function ArticleEditor(props: { article?: Article; start?: Form; translating?: Article }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const a = props.article;
  const initial = a ? formOf(a) : props.start!;
  const [form, setForm] = useState<Form>(initial);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const opts = useDeskOptions();
  // a version in review keeps the text it is reviewed on: only the article's details change meanwhile
  const inReview = a?.draft?.state === 'in_review';
  // once published, who reads an article (audience, organisations, expiry) is the approvers' decision
  const mayChangeReaders = !a || a.abilities.changeReaders;
  // read when the save comes back: a ref, not state, so the answer sees what the click asked
  const andSubmit = useRef(false);
  const submit = useVersionStep();
  const done = async (saved: Article) => {
    if (andSubmit.current && saved.draft?.steps.includes('submit'))
      await submit.save({
        ref: saved.number,
        number: saved.draft.number,
        action: 'submit',
        version: saved.version,
      });
    navigate(articlePaths.read(saved.number));
  };
  const create = useCreateArticle({ onSaved: done });
  const update = useUpdateArticle(a?.number ?? '', { onSaved: done });
  const errors = { ...create.errors, ...update.errors };
  const saving = create.saving || update.saving || submit.saving;

  const save = (thenSubmit: boolean) => {
    andSubmit.current = thenSubmit;
    const values = { ...fieldsOf(form), ...textOf(form) };
    if (!a) return create.save(values);
    // only what changed: a published article's text left as it was drafts no new version
    const before = { ...fieldsOf(initial), ...textOf(initial) } as Record<string, unknown>;
    const changed = Object.fromEntries(
      Object.entries(values).filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v)),
    );
    if (Object.keys(changed).length > 0) return update.save({ patch: changed, version: a.version });
    return done(a);
  };

  return (
    <Stack maw={1200}>
      <Group gap="xs">
        <Anchor component={Link} to={articlePaths.list} size="sm">
          {t('nav.knowledge')}
        </Anchor>
        <Text size="sm" c="dimmed">
          / {a ? a.number : t('knowledge.new')}
        </Text>
      </Group>
      <Title order={2}>
        {a
          ? t('knowledge.editing', { number: a.number })
          : props.translating
            ? t('knowledge.translating', { title: props.translating.title })
            : t('knowledge.new')}
      </Title>
      {props.translating && (
        <Paper withBorder p="md" bg="gray.0" data-testid="translation-original">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('knowledge.original', { language: t(`language.${props.translating.language}`) })}
          </Text>
          <Spoiler maxHeight={140} showLabel={t('knowledge.showMore')} hideLabel={t('knowledge.showLess')}>
            <Text fw={600} lang={props.translating.language}>
              {props.translating.title}
            </Text>
            <Text size="sm" lang={props.translating.language}>
              {props.translating.summary}
            </Text>
            <div lang={props.translating.language}>
              <SafeHtml html={props.translating.body} />
            </div>
          </Spoiler>
        </Paper>
      )}
      {a?.draft?.state === 'in_review' && (
        <Alert color="yellow" variant="light" data-testid="text-in-review">
          {t('knowledge.textInReview', { version: a.draft.number })}
        </Alert>
      )}
      {a?.state === 'published' && !a.draft && (
        <Alert color="blue" variant="light">
          {t('knowledge.newVersionExplain')}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md">
            <Stack>
              <TextInput
                label={t('knowledge.field.title')}
                required
                value={form.title}
                onChange={(e) => set('title', e.currentTarget.value)}
                error={errors.title}
                maxLength={300}
                disabled={inReview}
                data-testid="article-title-input"
              />
              <Textarea
                label={t('knowledge.field.summary')}
                description={t('knowledge.summaryHelp')}
                value={form.summary}
                onChange={(e) => set('summary', e.currentTarget.value)}
                error={errors.summary}
                autosize
                minRows={2}
                maxLength={2000}
                disabled={inReview}
                data-testid="article-summary-input"
              />
              <Textarea
                label={t('knowledge.field.body')}
                description={t('knowledge.bodyHelp')}
                value={form.body}
                onChange={(e) => set('body', e.currentTarget.value)}
                error={errors.body}
                autosize
                minRows={12}
                styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 14 } }}
                disabled={inReview}
                data-testid="article-body-input"
              />
              <TextInput
                label={t('knowledge.field.changeNote')}
                description={t('knowledge.changeNoteHelp')}
                value={form.changeNote}
                onChange={(e) => set('changeNote', e.currentTarget.value)}
                error={errors.changeNote}
                maxLength={2000}
                disabled={inReview}
                data-testid="article-change-note"
              />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Select
                label={t('knowledge.field.type')}
                data={articleTypes.map((v) => ({ value: v, label: t(`knowledge.type.${v}`) }))}
                value={form.type}
                onChange={(v) => v && set('type', v as ArticleType)}
                allowDeselect={false}
                error={errors.type}
                data-testid="article-type"
              />
              <Select
                label={t('knowledge.field.audience')}
                data={articleAudiences.map((v) => ({ value: v, label: t(`knowledge.audience.${v}`) }))}
                value={form.audience}
                onChange={(v) => v && set('audience', v as ArticleAudience)}
                allowDeselect={false}
                disabled={!mayChangeReaders}
                description={mayChangeReaders ? undefined : t('knowledge.readersByApprovers')}
                error={errors.audience}
                data-testid="article-audience"
              />
              {form.audience === 'customers' && (
                <MultiSelect
                  label={t('knowledge.field.customers')}
                  description={t('knowledge.customersHelp')}
                  data={opts.customerOptions}
                  value={form.customerIds}
                  onChange={(v) => set('customerIds', v)}
                  disabled={!mayChangeReaders}
                  searchable
                  clearable
                  error={errors.customerIds}
                  data-testid="article-customers"
                />
              )}
              <Select
                label={t('knowledge.field.language')}
                data={articleLanguages.map((v) => ({ value: v, label: t(`language.${v}`) }))}
                value={form.language}
                onChange={(v) => v && set('language', v as ArticleLanguage)}
                allowDeselect={false}
                error={errors.language}
                data-testid="article-language"
              />
              <TranslationPicker
                value={form.translationOf}
                current={a}
                preset={props.translating}
                onChange={(v) => set('translationOf', v)}
                error={errors.translationOf}
              />
              <PersonPicker
                staffOnly
                label={t('knowledge.field.owner')}
                value={form.ownerId}
                onChange={(v) => set('ownerId', v)}
                error={errors.ownerId}
                testId="article-owner"
              />
              <TagsInput
                label={t('knowledge.field.tags')}
                description={t('knowledge.tagsHelp')}
                value={form.tags}
                onChange={(v) => set('tags', v)}
                maxTags={30}
                error={errors.tags}
                data-testid="article-tags"
              />
              <MultiSelect
                label={t('knowledge.field.services')}
                data={opts.serviceOptions}
                value={form.serviceIds}
                onChange={(v) => set('serviceIds', v)}
                searchable
                clearable
                error={errors.serviceIds}
                data-testid="article-services"
              />
              <Group grow>
                <TextInput
                  type="date"
                  label={t('knowledge.field.reviewBy')}
                  value={form.reviewBy}
                  onChange={(e) => set('reviewBy', e.currentTarget.value)}
                  error={errors.reviewBy}
                  data-testid="article-review-by"
                />
                <TextInput
                  type="date"
                  label={t('knowledge.field.expiresOn')}
                  value={form.expiresOn}
                  onChange={(e) => set('expiresOn', e.currentTarget.value)}
                  disabled={!mayChangeReaders}
                  error={errors.expiresOn}
                  data-testid="article-expires-on"
                />
              </Group>
            </Stack>
          </Paper>
          {a && <Attachments article={a} />}
        </Grid.Col>
      </Grid>
      <Group>
        <Button onClick={() => save(false)} loading={saving} data-testid="article-save">
          {a ? t('common.save') : t('knowledge.saveDraft')}
        </Button>
        {!inReview && (
          <Button
            variant="light"
            onClick={() => save(true)}
            loading={saving}
            data-testid="article-save-submit"
          >
            {t('knowledge.saveAndSubmit')}
          </Button>
        )}
        <Button
          variant="default"
          onClick={() => navigate(a ? articlePaths.read(a.number) : articlePaths.list)}
        >
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}

const fieldsOf = (f: Form) => ({
  type: f.type,
  audience: f.audience,
  language: f.language,
  // kept while another audience is chosen, as the article keeps them for when it is for customers again
  customerIds: f.customerIds,
  translationOf: f.translationOf,
  ownerId: f.ownerId,
  tags: f.tags,
  serviceIds: f.serviceIds,
  reviewBy: f.reviewBy || null,
  expiresOn: f.expiresOn || null,
});
const textOf = (f: Form) => ({
  title: f.title,
  summary: f.summary,
  body: textToHtml(f.body),
  changeNote: f.changeNote,
});
