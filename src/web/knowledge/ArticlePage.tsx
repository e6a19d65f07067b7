import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isInternal } from '../../kernel/access/roles.ts';
import { wholeBadge } from '../app/badges.ts';
import { formatDay, formatInstant } from '../app/dates.ts';
import { Fact } from '../app/Fact.tsx';
import { FormDialog, RegisterTable } from '../app/RegisterPage.tsx';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { useMe } from '../auth/session.ts';
import { ArticleReader, useCountView } from './ArticleReader.tsx';
import {
  type Article,
  type ArticleVersion,
  articlePaths,
  useArticle,
  useArticleVersions,
  useRetireArticle,
  useVersionStep,
} from './data.ts';
import { stateColour } from './format.ts';
import { HelpfulBox } from './HelpfulBox.tsx';
import { VersionDiff } from './VersionDiff.tsx';

/**
 * One article: its published text for every reader, "was this helpful?", and for the provider's staff what
 * it is about and who keeps it, the version on its way with its review steps, and its version history with
 * what changed between any two versions.
 */
export function ArticlePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data!;
  const q = useArticle(id);
  const a = q.data;
  useCountView(a?.number, a?.state === 'published');
  if (q.isError) return <Alert color="red">{(q.error as Error).message}</Alert>;
  if (!a) return <Text c="dimmed">{t('common.loading')}</Text>;
  const staff = isInternal(me);
  return (
    // readers get a column short enough to read; staff the facts beside it
    <Stack maw={staff ? 1200 : 860}>
      <Group gap="xs">
        <Anchor component={Link} to={articlePaths.list} size="sm">
          {t('nav.knowledge')}
        </Anchor>
        <Text size="sm" c="dimmed">
          / {a.number}
        </Text>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: staff ? 8 : 12 }}>
          <Stack>
            <ArticleReader article={a} onLanguage={(ref) => navigate(articlePaths.read(ref))} />
            {a.state === 'published' && <HelpfulBox article={a} />}
            {staff && a.draft && <OpenVersion article={a} version={a.draft} />}
            {staff && <History article={a} />}
          </Stack>
        </Grid.Col>
        {staff && (
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Facts article={a} />
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}

/** What the article is, who keeps it and how it does: for the provider's staff. */
function Facts({ article: a }: { article: Article }) {
  const { t, i18n } = useTranslation();
  const [retiring, setRetiring] = useState(false);
  const [reason, setReason] = useState('');
  const retire = useRetireArticle(a.number, { onSaved: () => setRetiring(false) });
  return (
    <Paper withBorder p="md" data-testid="article-facts">
      <Stack gap="sm">
        <Group gap="xs">
          <Badge color={stateColour[a.state]} data-testid="article-state">
            {t(`knowledge.state.${a.state}`)}
          </Badge>
          {a.publishedVersion && <Badge variant="outline">v{a.publishedVersion}</Badge>}
          {a.stale && <Badge color="orange">{t('knowledge.stale')}</Badge>}
        </Group>
        {a.abilities.edit && (
          <Button
            component={Link}
            to={articlePaths.edit(a.number)}
            variant="light"
            data-testid="article-edit"
          >
            {a.draft?.state === 'in_review'
              ? t('knowledge.editDetails')
              : a.draft
                ? t('knowledge.editDraft')
                : t('knowledge.edit')}
          </Button>
        )}
        {a.abilities.edit && (
          <Button
            component={Link}
            to={`${articlePaths.new}?translationOf=${a.translationOf?.number ?? a.number}`}
            variant="subtle"
            size="xs"
            data-testid="article-translate"
          >
            {t('knowledge.translate')}
          </Button>
        )}
        <Fact label={t('knowledge.field.audience')}>
          {t(`knowledge.audience.${a.audience}`)}
          {a.audience === 'customers' &&
            ` — ${a.customers.length ? a.customers.map((c) => c.name).join(', ') : t('knowledge.allCustomers')}`}
        </Fact>
        <Fact label={t('knowledge.field.language')}>{t(`language.${a.language}`)}</Fact>
        <Fact label={t('knowledge.field.owner')}>{a.owner?.name}</Fact>
        <Fact label={t('knowledge.field.services')}>{a.services.map((s) => s.name).join(', ')}</Fact>
        <Fact label={t('knowledge.field.tags')}>
          {a.tags.length > 0 && (
            <Group gap={4}>
              {a.tags.map((tag) => (
                <Badge key={tag} variant="light" size="sm" tt="none">
                  {tag}
                </Badge>
              ))}
            </Group>
          )}
        </Fact>
        <Fact label={t('knowledge.field.reviewBy')}>
          {a.reviewBy && (
            <Text span size="sm" c={a.stale ? 'orange.8' : undefined}>
              {formatDay(a.reviewBy, i18n.language)}
            </Text>
          )}
        </Fact>
        <Fact label={t('knowledge.field.expiresOn')}>
          {a.expiresOn && formatDay(a.expiresOn, i18n.language)}
        </Fact>
        <Fact label={t('knowledge.readers')}>
          {t('knowledge.readCounts', { views: a.views, helpful: a.helpful, notHelpful: a.notHelpful })}
        </Fact>
        {a.abilities.retire && a.state === 'published' && (
          <Button
            color="red"
            variant="subtle"
            size="xs"
            onClick={() => setRetiring(true)}
            data-testid="retire"
          >
            {t('knowledge.retire')}
          </Button>
        )}
      </Stack>
      {retiring && (
        <FormDialog
          title={t('knowledge.retireTitle', { number: a.number })}
          onClose={() => setRetiring(false)}
          onSave={() => retire.save({ reason })}
          saving={retire.saving}
          saveLabel={t('knowledge.retire')}
          saveTestId="retire-confirm"
        >
          <Text size="sm">{t('knowledge.retireExplain')}</Text>
          <Textarea
            label={t('knowledge.retireReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={retire.errors.reason}
            autosize
            minRows={2}
          />
        </FormDialog>
      )}
    </Paper>
  );
}

/** The version being written or reviewed: its text, and the steps the reader may take on it. */
function OpenVersion({ article: a, version: v }: { article: Article; version: ArticleVersion }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const step = useVersionStep({ onSaved: () => setNote('') });
  const may = (s: 'submit' | 'approve' | 'return') => v.steps.includes(s);
  return (
    <Paper withBorder p="md" bg="gray.0" data-testid="open-version">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>
            {t('knowledge.openVersion', { version: v.number })}{' '}
            <Badge color={stateColour[v.state]} data-testid="open-version-state">
              {t(`knowledge.versionState.${v.state}`)}
            </Badge>
          </Title>
          <Text size="xs" c="dimmed">
            {v.author?.name}
            {v.submittedAt
              ? ` · ${t('knowledge.submittedAt', { at: formatInstant(v.submittedAt, 'medium') })}`
              : ''}
          </Text>
        </Group>
        {v.state === 'draft' && v.reviewNote && (
          <Alert color="orange" title={t('knowledge.returnedBy', { name: v.reviewer?.name ?? '' })}>
            {v.reviewNote}
          </Alert>
        )}
        {v.changeNote && (
          <Text size="sm">
            <b>{t('knowledge.field.changeNote')}:</b> {v.changeNote}
          </Text>
        )}
        <Text fw={600} lang={a.language}>
          {v.title}
        </Text>
        {v.summary && (
          <Text size="sm" lang={a.language}>
            {v.summary}
          </Text>
        )}
        <Paper withBorder p="sm" lang={a.language}>
          <SafeHtml html={v.body || `<p>${t('knowledge.noText')}</p>`} />
        </Paper>
        {(may('approve') || may('return')) && (
          <Textarea
            label={t('knowledge.reviewNote')}
            description={t('knowledge.reviewNoteHelp')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={step.errors.note}
            autosize
            minRows={2}
            data-testid="review-note"
          />
        )}
        <Group>
          {may('submit') && (
            <Button
              onClick={() =>
                step.save({ ref: a.number, number: v.number, action: 'submit', version: a.version })
              }
              loading={step.saving}
              data-testid="version-submit"
            >
              {t('knowledge.submit')}
            </Button>
          )}
          {may('approve') && (
            <Button
              color="green"
              onClick={() =>
                step.save({ ref: a.number, number: v.number, action: 'approve', note, version: a.version })
              }
              loading={step.saving}
              data-testid="version-approve"
            >
              {t('knowledge.approve')}
            </Button>
          )}
          {may('return') && (
            <Button
              color="orange"
              variant="light"
              onClick={() =>
                step.save({ ref: a.number, number: v.number, action: 'return', note, version: a.version })
              }
              loading={step.saving}
              data-testid="version-return"
            >
              {t('knowledge.return')}
            </Button>
          )}
          {v.state === 'in_review' && !may('approve') && a.abilities.approve === false && (
            <Text size="sm" c="dimmed">
              {t('knowledge.waitingForReview')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Every version with who wrote, reviewed and published it, and what changed between any two. */
function History({ article: a }: { article: Article }) {
  const { t } = useTranslation();
  const versions = useArticleVersions(a.number);
  const [comparing, setComparing] = useState<number | null>(null);
  const items = [...(versions.data?.items ?? [])].sort((x, y) => y.number - x.number);
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="version-history">
      <Title order={4}>{t('knowledge.history')}</Title>
      <RegisterTable<ArticleVersion>
        rows={items}
        rowKey={(v) => v.number}
        rowProps={(v) => ({ 'data-testid': `version-${v.number}` })}
        tableProps={{ striped: true }}
        columns={[
          {
            key: 'number',
            header: t('knowledge.version'),
            td: { style: { whiteSpace: 'nowrap' } },
            cell: (v) => (
              <Badge variant="light" color={stateColour[v.state]} tt="none" styles={wholeBadge}>
                v{v.number} · {t(`knowledge.versionState.${v.state}`)}
              </Badge>
            ),
          },
          { key: 'author', header: t('knowledge.author'), cell: (v) => v.author?.name ?? '—' },
          {
            key: 'reviewed',
            header: t('knowledge.reviewed'),
            cell: (v) =>
              v.reviewer
                ? `${v.reviewer.name}${v.reviewedAt ? `, ${formatInstant(v.reviewedAt, 'medium')}` : ''}`
                : '—',
          },
          {
            key: 'note',
            header: t('knowledge.field.changeNote'),
            cell: (v) => (
              <Text size="sm" lineClamp={2}>
                {v.changeNote || v.reviewNote || '—'}
              </Text>
            ),
          },
          {
            key: 'compare',
            cell: (v) =>
              items.length > 1 && (
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => setComparing(comparing === v.number ? null : v.number)}
                  aria-expanded={comparing === v.number}
                  data-testid={`compare-${v.number}`}
                >
                  {t('knowledge.diff.show')}
                </Button>
              ),
          },
        ]}
      />
      {comparing !== null && (
        <VersionDiff key={comparing} versions={versions.data?.items ?? []} initial={comparing} />
      )}
    </Stack>
  );
}
