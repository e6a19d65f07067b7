import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rcaMethods } from '../../modules/problems/lifecycle.ts';
import { type Problem, type RcaMethod, useUpdateProblem } from './data.ts';

type Rca = Pick<
  Problem,
  'symptoms' | 'timeline' | 'cause' | 'contributingFactors' | 'rcaMethod' | 'rcaAnalysis'
>;
const rcaOf = (p: Problem): Rca => ({
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
 * bones as `Category: cause` lines, the fault tree's events indented under their gate).
 */
export function RcaSection({ problem: p }: { problem: Problem }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Rca>(() => rcaOf(p));
  const [seen, setSeen] = useState(p.version);
  if (seen !== p.version) {
    // someone saved (this reader or another): start again from what is saved
    setSeen(p.version);
    setDraft(rcaOf(p));
  }
  const update = useUpdateProblem(p.number);
  const editable = p.abilities.edit && !p.final;
  const field = (k: string) => t(`problems.field.${k}`);
  const set = (patch: Partial<Rca>) => setDraft((d) => ({ ...d, ...patch }));
  const template = (m: RcaMethod | null) => (m ? t(`problems.template.${m}`) : '');
  const changed = JSON.stringify(draft) !== JSON.stringify(rcaOf(p));
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
        <Group>
          <Button
            onClick={() => update.save({ patch: draft, version: p.version })}
            loading={update.saving}
            disabled={!changed}
            data-testid="rca-save"
          >
            {t('problems.saveRca')}
          </Button>
          {changed && (
            <Button variant="subtle" onClick={() => setDraft(rcaOf(p))}>
              {t('problems.discard')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
