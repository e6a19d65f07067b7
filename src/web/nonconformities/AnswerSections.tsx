import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rcaMethods } from '../../modules/problems/lifecycle.ts';
import { wholeBadge } from '../app/badges.ts';
import { type Nonconformity, useNonconformities, useUpdateNonconformity } from './data.ts';
import { ncStateColour } from './format.ts';

type Analysis = { rootCause: string; rootCauseMethod: string; similar: string };

/** A saved text as read, or a dash-like hint when there is none yet. */
function Said({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={text ? undefined : 'dimmed'}>
        {text || t('nonconformities.notYet')}
      </Text>
    </div>
  );
}

/**
 * The correction: what was done at once to contain the nonconformity and its consequences. Whoever answers
 * the nonconformity may reword it while it is open; the "correct" step records it first.
 */
export function CorrectionSection({ nc }: { nc: Nonconformity }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const update = useUpdateNonconformity(nc.number, { onSaved: () => setDraft(null) });
  const editing = draft !== null;
  return (
    <Paper withBorder p="md" data-testid="nc-correction">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t('nonconformities.field.correction')}</Title>
        {nc.abilities.answer && !editing && nc.correction && (
          <Button size="xs" variant="subtle" onClick={() => setDraft(nc.correction)}>
            {t('common.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <Stack gap="xs">
          <Textarea
            aria-label={t('nonconformities.field.correction')}
            autosize
            minRows={3}
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            error={update.errors.correction}
          />
          <Group>
            <Button
              size="xs"
              onClick={() => update.save({ patch: { correction: draft }, version: nc.version })}
              loading={update.saving}
            >
              {t('common.save')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={nc.correction ? undefined : 'dimmed'}>
          {nc.correction || t('nonconformities.noCorrection')}
        </Text>
      )}
    </Paper>
  );
}

/**
 * The analysis: the root cause and the method that found it, and whether similar nonconformities exist or
 * could occur (10.1 asks both). The other nonconformities of the same process are listed to look through.
 */
export function AnalysisSection({ nc }: { nc: Nonconformity }) {
  const { t } = useTranslation();
  const saved: Analysis = {
    rootCause: nc.rootCause,
    rootCauseMethod: nc.rootCauseMethod,
    similar: nc.similar,
  };
  const [edits, setEdits] = useState<Partial<Analysis>>({});
  const draft = { ...saved, ...edits };
  const changes = Object.fromEntries(
    Object.entries(edits).filter(([k, v]) => v !== saved[k as keyof Analysis]),
  ) as Partial<Analysis>;
  const changed = Object.keys(changes).length > 0;
  // the value is read at once: the updater runs after the event, when its target is gone
  const edit = (patch: Partial<Analysis>) => setEdits((x) => ({ ...x, ...patch }));
  const update = useUpdateNonconformity(nc.number, { onSaved: () => setEdits({}) });
  const f = (k: string) => t(`nonconformities.field.${k}`);
  const methodName = (m: string) =>
    (rcaMethods as readonly string[]).includes(m) ? t(`problems.method.${m}`) : m;
  const methods = [
    ...rcaMethods.map((m) => ({ value: m, label: t(`problems.method.${m}`) })),
    // a method written elsewhere (the API takes any text) stays choosable
    ...(draft.rootCauseMethod && !(rcaMethods as readonly string[]).includes(draft.rootCauseMethod)
      ? [{ value: draft.rootCauseMethod, label: draft.rootCauseMethod }]
      : []),
  ];
  return (
    <Paper withBorder p="md" data-testid="nc-analysis">
      <Title order={4} mb="sm">
        {t('nonconformities.analysis')}
      </Title>
      {nc.abilities.answer ? (
        <Stack gap="sm">
          <Textarea
            label={f('rootCause')}
            autosize
            minRows={3}
            value={draft.rootCause}
            onChange={(e) => edit({ rootCause: e.currentTarget.value })}
            error={update.errors.rootCause}
            data-testid="nc-root-cause"
          />
          <Select
            label={f('rootCauseMethod')}
            data={methods}
            clearable
            w={280}
            value={draft.rootCauseMethod || null}
            onChange={(v) => edit({ rootCauseMethod: v ?? '' })}
            error={update.errors.rootCauseMethod}
          />
          <Textarea
            label={f('similar')}
            description={t('nonconformities.similarHelp')}
            autosize
            minRows={2}
            value={draft.similar}
            onChange={(e) => edit({ similar: e.currentTarget.value })}
            error={update.errors.similar}
            data-testid="nc-similar"
          />
          <Group>
            <Button
              onClick={() => update.save({ patch: changes, version: nc.version })}
              loading={update.saving}
              disabled={!changed}
              data-testid="nc-analysis-save"
            >
              {t('nonconformities.saveAnalysis')}
            </Button>
            {changed && (
              <Button variant="subtle" onClick={() => setEdits({})}>
                {t('nonconformities.discard')}
              </Button>
            )}
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Said label={f('rootCause')} text={nc.rootCause} />
          <Said
            label={f('rootCauseMethod')}
            text={nc.rootCauseMethod ? methodName(nc.rootCauseMethod) : ''}
          />
          <Said label={f('similar')} text={nc.similar} />
        </Stack>
      )}
      <SimilarOnes nc={nc} />
    </Paper>
  );
}

/** The other nonconformities of the same process, newest first: where a similar one may already be. */
function SimilarOnes({ nc }: { nc: Nonconformity }) {
  const { t } = useTranslation();
  const list = useNonconformities(
    { state: null, severity: null, source: null, process: nc.processKey, overdue: false, open: false },
    1,
    11,
    !!nc.processKey,
  );
  if (!nc.processKey) return null;
  const others = (list.data?.items ?? []).filter((x) => x.number !== nc.number).slice(0, 10);
  return (
    <Stack gap={4} mt="md" data-testid="nc-similar-list">
      <Text size="sm" fw={600}>
        {t('nonconformities.sameProcess', { process: nc.processName ?? nc.processKey })}
      </Text>
      {list.data && others.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('nonconformities.noneSameProcess')}
        </Text>
      )}
      {others.map((o) => (
        <Group key={o.id} gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/work-items/${o.number}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
            {o.number}
          </Anchor>
          <Text size="sm" lineClamp={1} style={{ flex: 1 }}>
            {o.title}
          </Text>
          <Badge size="xs" variant="light" color={ncStateColour[o.state] ?? 'gray'} styles={wholeBadge}>
            {t(`nonconformities.state.${o.state}`)}
          </Badge>
        </Group>
      ))}
    </Stack>
  );
}
