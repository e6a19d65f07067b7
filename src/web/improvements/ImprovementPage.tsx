import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatInstant } from '../app/dates.ts';
import { Fact } from '../app/Fact.tsx';
import { useProcesses } from '../governance/data.ts';
import { type TransitionChoice, TransitionDialog } from '../records/TransitionDialog.tsx';
import { type Criterion, type Improvement, useCriteria, useImprovement, useImprovementStep } from './data.ts';
import { EditImprovement } from './EditImprovement.tsx';
import { Evaluation } from './Evaluation.tsx';
import { improvementStateColour } from './format.ts';
import { PlanSection } from './PlanSection.tsx';

/** Steps that need nothing are taken at once; the others (a reason, the benefits) open the dialog. */
const asks = (tr: TransitionChoice) => tr.requires.length > 0;

/**
 * What a step waits for when the page already knows it is missing, said in the reader's words instead of
 * sending a step the server would refuse: a decision rests on every criterion scored; realising, on every
 * action of the plan done.
 */
function waitsFor(tr: TransitionChoice, imp: Improvement, criteria: Criterion[]): 'score' | 'actions' | null {
  if (
    (tr.name === 'approve' || tr.name === 'reject') &&
    criteria.some((c) => !c.retired && imp.scores[c.key] === undefined)
  )
    return 'score';
  if (tr.name === 'realise' && imp.actions.some((a) => a.state === 'open')) return 'actions';
  return null;
}

/**
 * One improvement (10.2): what it is and where it came from, its evaluation against the criteria, the
 * decision with its reason, the plan, and the benefit realised, measured before and after where a KPI
 * measures it.
 */
export function ImprovementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useImprovement(id);
  const processes = useProcesses();
  const [step, setStep] = useState<TransitionChoice | null>(null);
  const [hint, setHint] = useState<'score' | 'actions' | null>(null);
  const criteria = useCriteria();
  const [editing, setEditing] = useState(false);
  const fire = useImprovementStep(id, { problemInForm: true });
  const quick = useImprovementStep(id, { noForm: true });
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  const imp = q.data;
  if (!imp) return <Text c="dimmed">{t('common.loading')}</Text>;
  const f = (k: string) => t(`improvements.field.${k}`);
  const final = imp.state === 'realised' || imp.state === 'withdrawn';
  const decided = imp.decidedAt && imp.decisionReason;
  return (
    <Stack maw={1100}>
      <Group gap="xs">
        <Anchor component={Link} to="/improvements" size="sm">
          {t('nav.improvements')}
        </Anchor>
        <Text size="sm" c="dimmed">
          / {imp.code}
        </Text>
      </Group>
      <Title order={2}>{imp.title}</Title>
      <Group gap="xs">
        <Badge
          variant="light"
          color={improvementStateColour[imp.state] ?? 'gray'}
          data-testid="improvement-state"
        >
          {t(`improvements.state.${imp.state}`)}
        </Badge>
        <Badge variant="outline">
          {t(`improvements.source.${imp.source}`)}
          {imp.sourceRef ? ` · ${imp.sourceRef}` : ''}
        </Badge>
      </Group>
      {(imp.transitions.length > 0 || (imp.abilities.edit && !final)) && (
        <Group>
          {imp.transitions.map((tr) => (
            <Button
              key={tr.name}
              variant={tr.name === 'withdraw' || tr.name === 'reject' ? 'default' : 'light'}
              data-testid={`improvement-action-${tr.name}`}
              onClick={() => {
                const missing = waitsFor(tr, imp, criteria.data?.items ?? []);
                setHint(missing);
                if (missing) return;
                if (asks(tr)) setStep(tr);
                else quick.save({ to: tr.to, input: {}, version: imp.version });
              }}
            >
              {t(`improvements.action.${tr.name}`)}
            </Button>
          ))}
          {imp.abilities.edit && !final && (
            <Button variant="subtle" onClick={() => setEditing(true)} data-testid="improvement-edit">
              {t('improvements.edit')}
            </Button>
          )}
        </Group>
      )}
      {hint && (
        <Alert color="orange" withCloseButton onClose={() => setHint(null)} data-testid="improvement-hint">
          {t(`improvements.needs.${hint}`)}
        </Alert>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Fact label={f('owner')}>{imp.ownerName}</Fact>
          <Fact label={f('process')}>
            {processes.data?.items.find((p) => p.key === imp.processKey)?.name ?? imp.processKey}
          </Fact>
          <Fact label={f('created')}>{formatInstant(imp.createdAt, 'date')}</Fact>
          {imp.realisedAt && <Fact label={f('realisedAt')}>{formatInstant(imp.realisedAt, 'date')}</Fact>}
        </SimpleGrid>
        {imp.description && (
          <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {imp.description}
          </Text>
        )}
      </Paper>
      {decided && (
        <Paper withBorder p="md" data-testid="improvement-decision">
          <Text size="xs" c="dimmed">
            {/* the reason recorded is the approval's, unless it was rejected or withdrawn */}
            {t(
              `improvements.decision.${imp.state === 'rejected' || imp.state === 'withdrawn' ? imp.state : 'approved'}`,
            )}{' '}
            · {formatInstant(imp.decidedAt!, 'date')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {imp.decisionReason}
          </Text>
        </Paper>
      )}
      <Evaluation imp={imp} />
      <PlanSection imp={imp} />
      {(imp.state === 'realised' || imp.benefits) && (
        <Paper withBorder p="md" data-testid="improvement-benefits">
          <Title order={4} mb="xs">
            {f('benefits')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {imp.benefits || '—'}
          </Text>
        </Paper>
      )}

      <TransitionDialog
        transition={step}
        title={(tr) => t(`improvements.action.${tr.name}`)}
        fire={fire}
        version={imp.version}
        onClose={() => setStep(null)}
        fields={({ transition, input, set, errors }) => (
          <>
            {/* refusals about what the dialog does not ask (scores, the plan's actions) */}
            {Object.entries(errors)
              .filter(([k]) => k.startsWith('scores.') || k === 'actions')
              .map(([k, message]) => (
                <Text key={k} size="sm" c="red">
                  {message}
                </Text>
              ))}
            {transition.name === 'realise' && (
              <>
                <Textarea
                  label={f('benefits')}
                  description={t('improvements.benefitsHelp')}
                  autosize
                  minRows={3}
                  value={input.benefits ?? ''}
                  onChange={(e) => set('benefits', e.currentTarget.value)}
                  error={errors.benefits}
                  data-testid="transition-benefits"
                />
                <NumberInput
                  label={f('measured')}
                  description={
                    imp.kpiKey ? t('improvements.measuredFromKpi') : t('improvements.measuredByHand')
                  }
                  value={input.measured ?? ''}
                  onChange={(v) => set('measured', v === '' ? null : String(v))}
                  error={errors.measured}
                />
              </>
            )}
          </>
        )}
      />
      {editing && <EditImprovement imp={imp} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
