import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { rcaMethods } from '../../modules/problems/lifecycle.ts';
import { type Problem, type RcaMethod, useUpdateProblem } from './data.ts';
import { type FieldDrafts, movedUnder, shown, unsaved } from './drafts.ts';

export type Rca = Pick<
  Problem,
  'symptoms' | 'timeline' | 'cause' | 'contributingFactors' | 'rcaMethod' | 'rcaAnalysis'
>;
export const rcaOf = (p: Problem): Rca => ({
  symptoms: p.symptoms,
  timeline: p.timeline,
  cause: p.cause,
  contributingFactors: p.contributingFactors,
  rcaMethod: p.rcaMethod,
  rcaAnalysis: p.rcaAnalysis,
});

function Shown({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text || t('problems.notGiven')}
      </Text>
    </div>
  );
}

/**
 * The root-cause analysis: symptoms, timeline, cause and contributing factors, and the analysis in the method
 * chosen as structured text, which starts from the method's template (one why per line, the fishbone's
 * bones as `Category: cause` lines, the fault tree's events indented under their gate). What is typed is kept
 * in `drafts` (the page's, so the known-error dialog starts from it) until saved or discarded: another
 * section's save or someone else's live update never throws it away, and a field saved by someone else
 * under an edit is said. A save sends only the fields edited.
 */
export function RcaSection({ problem: p, drafts }: { problem: Problem; drafts: FieldDrafts<Rca> }) {
  const { t } = useTranslation();
  const saved = rcaOf(p);
  const draft = shown(saved, drafts.edits);
  const changes = unsaved(saved, drafts.edits);
  const moved = movedUnder(saved, drafts.edits);
  const update = useUpdateProblem(p.number, {
    onSaved: (_, sent) => drafts.settle(sent.patch as Partial<Rca>),
  });
  const editable = p.abilities.edit && !p.final;
  const field = (k: string) => t(`problems.field.${k}`);
  const set = (patch: Partial<Rca>) => drafts.set(saved, patch);
  const template = (m: RcaMethod | null) => (m ? t(`problems.template.${m}`) : '');
  const changed = Object.keys(changes).length > 0;
  if (!editable)
    return (
      <Paper withBorder p="md" data-testid="problem-rca">
        <Title order={4} mb="sm">
          {t('problems.rca')}
        </Title>
        <Stack gap="sm">
          <Shown label={field('symptoms')} text={p.symptoms} />
          <Shown label={field('timeline')} text={p.timeline} />
          <Shown label={field('cause')} text={p.cause} />
          <Shown label={field('contributingFactors')} text={p.contributingFactors} />
          <Shown
            label={p.rcaMethod ? t(`problems.method.${p.rcaMethod}`) : field('rcaAnalysis')}
            text={p.rcaAnalysis}
          />
        </Stack>
      </Paper>
    );
  return (
    <Paper withBorder p="md" data-testid="problem-rca">
      <Title order={4} mb="sm">
        {t('problems.rca')}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea
            label={field('symptoms')}
            autosize
            minRows={2}
            value={draft.symptoms}
            onChange={(e) => set({ symptoms: e.currentTarget.value })}
            error={update.errors.symptoms}
          />
          <Textarea
            label={field('timeline')}
            autosize
            minRows={2}
            value={draft.timeline}
            onChange={(e) => set({ timeline: e.currentTarget.value })}
            error={update.errors.timeline}
          />
          <Textarea
            label={field('cause')}
            autosize
            minRows={2}
            value={draft.cause}
            onChange={(e) => set({ cause: e.currentTarget.value })}
            error={update.errors.cause}
          />
          <Textarea
            label={field('contributingFactors')}
            autosize
            minRows={2}
            value={draft.contributingFactors}
            onChange={(e) => set({ contributingFactors: e.currentTarget.value })}
            error={update.errors.contributingFactors}
          />
        </SimpleGrid>
        <Group align="flex-end">
          <Select
            label={field('rcaMethod')}
            data={rcaMethods.map((m) => ({ value: m, label: t(`problems.method.${m}`) }))}
            value={draft.rcaMethod}
            clearable
            w={260}
            onChange={(v) => {
              const m = v as RcaMethod | null;
              // an untouched analysis (empty, or the last method's template) takes the new method's template
              const untouched = !draft.rcaAnalysis.trim() || draft.rcaAnalysis === template(draft.rcaMethod);
              set({ rcaMethod: m, rcaAnalysis: untouched ? template(m) : draft.rcaAnalysis });
            }}
            error={update.errors.rcaMethod}
            data-testid="rca-method"
          />
          {draft.rcaMethod && !draft.rcaAnalysis.trim() && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => set({ rcaAnalysis: template(draft.rcaMethod) })}
            >
              {t('problems.addTemplate')}
            </Button>
          )}
        </Group>
        {draft.rcaMethod && (
          <Text size="xs" c="dimmed">
            {t(`problems.methodHelp.${draft.rcaMethod}`)}
          </Text>
        )}
        <Textarea
          label={field('rcaAnalysis')}
          autosize
          minRows={5}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          value={draft.rcaAnalysis}
          onChange={(e) => set({ rcaAnalysis: e.currentTarget.value })}
          error={update.errors.rcaAnalysis}
          data-testid="rca-analysis"
        />
        {moved.length > 0 && (
          <Text size="sm" c="orange.8" data-testid="rca-changed-under">
            {t('problems.changedUnder', { fields: moved.map((k) => field(k)).join(', ') })}
          </Text>
        )}
        <Group>
          <Button
            onClick={() => update.save({ patch: changes, version: p.version })}
            loading={update.saving}
            disabled={!changed}
            data-testid="rca-save"
          >
            {t('problems.saveRca')}
          </Button>
          {changed && (
            <Button variant="subtle" onClick={drafts.discard}>
              {t('problems.discard')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
