import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDay, formatInstant } from '../app/dates.ts';
import { Fact } from '../app/Fact.tsx';
import { SafeHtml } from '../app/SafeHtml.tsx';
import { CommentBox } from '../records/CommentBox.tsx';
import { RelatedPanel } from '../records/RelatedPanel.tsx';
import { Timeline } from '../records/Timeline.tsx';
import { type TransitionChoice, TransitionDialog } from '../records/TransitionDialog.tsx';
import { AnalysisSection, CorrectionSection } from './AnswerSections.tsx';
import { CorrectiveActions } from './CorrectiveActions.tsx';
import { type Nonconformity, useNcTransition, useNonconformity } from './data.ts';
import { EffectivenessSection } from './EffectivenessSection.tsx';
import { ncStateColour, severityColour } from './format.ts';

/** Steps that ask for something (a correction, a date, a note, a reason) open a dialog; the others fire at once. */
const asks = (tr: TransitionChoice, nc: Nonconformity) =>
  tr.requires.length > 0 ||
  tr.name === 'correct' ||
  (tr.name === 'analyse' && !nc.correction) ||
  tr.name === 'verify' ||
  tr.name === 'reanalyse' ||
  tr.name === 'close';

/**
 * What a step waits for when the page already knows it is missing: said in the reader's words instead of
 * sending a step the server would refuse. Closing is always sent: its refusal is the server's to give.
 */
function waitsFor(tr: TransitionChoice, nc: Nonconformity): 'plan' | 'verify' | null {
  if (tr.name === 'plan_actions' && (!nc.rootCause.trim() || nc.actions.length === 0)) return 'plan';
  if (tr.name === 'verify' && nc.actions.some((a) => a.state === 'open')) return 'verify';
  return null;
}

/**
 * One nonconformity (10.1): what was found and where it came from, the correction made at once, the root
 * cause and the similar ones looked for, the corrective actions with their owners and dates, the check of
 * their effectiveness, and the closing; with its comments, links and timeline like any work item.
 */
export function NonconformityPage() {
  const { number = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = useNonconformity(number);
  const [step, setStep] = useState<TransitionChoice | null>(null);
  const [hint, setHint] = useState<'plan' | 'verify' | null>(null);
  const fire = useNcTransition(number, { problemInForm: true });
  const quick = useNcTransition(number, { noForm: true });
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  const nc = q.data;
  if (!nc) return <Text c="dimmed">{t('common.loading')}</Text>;
  const f = (k: string) => t(`nonconformities.field.${k}`);
  const day = (d: string | null) => (d ? formatDay(d, i18n.language) : null);
  return (
    <Stack maw={1300}>
      <Group gap="xs">
        <Anchor component={Link} to="/nonconformities" size="sm">
          {t('nav.nonconformities')}
        </Anchor>
        <Text size="sm" c="dimmed">
          / {nc.number}
        </Text>
      </Group>
      <Title order={2}>{nc.title}</Title>
      <Group gap="xs">
        <Badge variant="light" color={ncStateColour[nc.state] ?? 'gray'} data-testid="nc-state">
          {t(`nonconformities.state.${nc.state}`)}
        </Badge>
        <Badge color={severityColour(nc.severity)}>{t(`nonconformities.severity.${nc.severity}`)}</Badge>
        <Badge variant="outline">
          {t(`nonconformities.source.${nc.source}`)}
          {nc.sourceRef ? ` · ${nc.sourceRef}` : ''}
        </Badge>
        {nc.clause && (
          <Badge variant="outline">{t('nonconformities.clauseBadge', { clause: nc.clause })}</Badge>
        )}
      </Group>
      {nc.transitions.length > 0 && (
        <Group>
          {nc.transitions.map((tr) => (
            <Button
              key={tr.name}
              variant={tr.name === 'cancel' ? 'default' : 'light'}
              data-testid={`nc-action-${tr.name}`}
              onClick={() => {
                const missing = waitsFor(tr, nc);
                setHint(missing);
                if (missing) return;
                if (asks(tr, nc)) setStep(tr);
                else quick.save({ to: tr.to, input: {}, version: nc.version });
              }}
            >
              {t(`nonconformities.action.${tr.name}`)}
            </Button>
          ))}
        </Group>
      )}
      {hint && (
        <Alert color="orange" withCloseButton onClose={() => setHint(null)} data-testid="nc-hint">
          {t(`nonconformities.needs.${hint}`)}
        </Alert>
      )}
      <Text size="sm" c="dimmed" data-testid="nc-next">
        {t(`nonconformities.next.${nc.state}`)}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                <Fact label={f('process')}>{nc.processName ?? nc.processKey}</Fact>
                <Fact label={f('owner')}>{nc.ownerName}</Fact>
                <Fact label={f('clause')}>{nc.clause}</Fact>
                <Fact label={f('created')}>{formatInstant(nc.createdAt, 'medium')}</Fact>
                {nc.correctedAt && (
                  <Fact label={f('correctedAt')}>{formatInstant(nc.correctedAt, 'medium')}</Fact>
                )}
                {nc.effectivenessDue && <Fact label={f('effectivenessDue')}>{day(nc.effectivenessDue)}</Fact>}
                {nc.closedAt && <Fact label={f('closedAt')}>{formatInstant(nc.closedAt, 'medium')}</Fact>}
              </SimpleGrid>
              {nc.description && (
                <Stack gap={0} mt="sm">
                  <Text size="xs" c="dimmed">
                    {f('description')}
                  </Text>
                  <SafeHtml html={nc.description} />
                </Stack>
              )}
            </Paper>
            <CorrectionSection nc={nc} />
            <AnalysisSection nc={nc} />
            <CorrectiveActions nc={nc} />
            <EffectivenessSection nc={nc} />
            {nc.abilities.comment && (
              <CommentBox number={nc.number} canInternal={nc.abilities.commentInternal} />
            )}
            <Timeline item={{ number: nc.number, version: nc.version, clocks: [] }} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <RelatedPanel
            number={nc.number}
            version={nc.version}
            editable={nc.abilities.link}
            canAttach={nc.abilities.attach}
          />
        </Grid.Col>
      </Grid>

      <TransitionDialog
        transition={step}
        title={(tr) => t(`nonconformities.action.${tr.name}`)}
        fire={fire}
        version={nc.version}
        onClose={() => setStep(null)}
        initial={(tr): Record<string, string> =>
          tr.name === 'correct' || tr.name === 'analyse' ? { correction: nc.correction } : {}
        }
        fields={({ transition, input, set, errors }) => (
          <>
            {(transition.name === 'correct' || transition.name === 'analyse') && (
              <Textarea
                label={f('correction')}
                description={t('nonconformities.correctionHelp')}
                autosize
                minRows={3}
                value={input.correction ?? ''}
                onChange={(e) => set('correction', e.currentTarget.value)}
                error={errors.correction}
                data-testid="transition-correction"
              />
            )}
            {transition.name === 'verify' && (
              <TextInput
                type="date"
                label={f('effectivenessDue')}
                description={t('nonconformities.verifyHelp')}
                value={input.effectivenessDue ?? ''}
                onChange={(e) => set('effectivenessDue', e.currentTarget.value)}
                error={errors.effectivenessDue ?? errors.actions}
                data-testid="transition-effectiveness-due"
              />
            )}
            {transition.name === 'close' && nc.effectiveness !== 'effective' && (
              <Alert color="orange" data-testid="nc-close-refused">
                {t('nonconformities.effectivenessMissing')}
                {errors.effectiveness && fire.problem && (
                  <Text size="xs" mt={4}>
                    {fire.problem.message}
                  </Text>
                )}
              </Alert>
            )}
            {(transition.name === 'reanalyse' || transition.name === 'close') && (
              <Textarea
                label={t('nonconformities.note')}
                autosize
                minRows={2}
                value={input.note ?? ''}
                onChange={(e) => set('note', e.currentTarget.value)}
                error={errors.note}
                data-testid="transition-note"
              />
            )}
          </>
        )}
      />
    </Stack>
  );
}
